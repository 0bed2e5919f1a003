package io.backbeat.core.idempotency;

import java.time.Instant;

/**
 * A remembered create: the first response to {@code key} on {@code route} for {@code accountId},
 * replayed to every retry with the same body until {@code expiresAt}.
 *
 * @param responseStatus the stored answer's status, or null for a synchronous route (its answer is
 *     rendered from the finished task, which did not exist yet when the record was written)
 * @param responseBody the stored answer, or null likewise
 */
public record IdempotencyRecord(
    String accountId, String route, String key, String requestHash, String taskId, Integer responseStatus, String responseBody,
    Instant createdAt, Instant expiresAt) {
  public IdempotencyRecord {
    if ((responseStatus == null) != (responseBody == null)) {
      throw new IllegalArgumentException("a stored response has both a status and a body, or neither");
    }
  }

  /** True for synchronous routes: the answer comes from the finished task. */
  public boolean rendersFromTask() {
    return responseBody == null;
  }
}
