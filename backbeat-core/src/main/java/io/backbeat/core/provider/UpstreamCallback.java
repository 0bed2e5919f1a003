package io.backbeat.core.provider;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An upstream's callback about one of our tasks, as recorded: a wake-up hint, never a verdict (the
 * relay confirms the state by fetching it). Only the upstream id it names is used, to find a job
 * whose submit answer was lost.
 *
 * @param dedupeKey the SHA-256 of the body: a second delivery of the same callback is a duplicate
 * @param upstreamId the id the upstream gives the job, or null when the body names none
 */
public record UpstreamCallback(String channel, String dedupeKey, String taskId, String upstreamId, Instant receivedAt) {
  public UpstreamCallback {
    requireNonNull(channel, "channel is null");
    requireNonNull(dedupeKey, "dedupeKey is null");
    requireNonNull(taskId, "taskId is null");
    requireNonNull(receivedAt, "receivedAt is null");
  }
}
