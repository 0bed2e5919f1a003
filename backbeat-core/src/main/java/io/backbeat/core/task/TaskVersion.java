package io.backbeat.core.task;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The few columns of a task row that say whether anything a poll shows has changed, read without
 * the row's JSON: every transition moves {@code updatedAt}, and retention's payload purge (which
 * leaves {@code updatedAt} alone) sets {@code payloadPurgedAt}.
 *
 * @param payloadPurgedAt null until retention cleared the task's request, payload and result
 */
public record TaskVersion(String id, String route, TaskStatus status, Instant updatedAt, Instant payloadPurgedAt) {
  public TaskVersion {
    requireNonNull(id, "id is null");
    requireNonNull(route, "route is null");
    requireNonNull(status, "status is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
