package io.backbeat.core.task;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * A page of one account's tasks, newest first, created in [createdFrom, createdTo) (either bound
 * optional). The cursor is the last row of the previous page
 * ({@code createdAt} + {@code id}), so pages stay stable while new tasks arrive.
 */
public record TaskQuery(
    String accountId, Set<TaskStatus> statuses, TaskKind kind, Instant createdFrom, Instant createdTo, Cursor after, int limit) {

  public TaskQuery {
    requireNonNull(accountId, "accountId is null");
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be between 1 and 500");
    }
  }

  /** Position after a row: tasks created before {@code createdAt}, or at it with a smaller id. */
  public record Cursor(Instant createdAt, String id) {}
}
