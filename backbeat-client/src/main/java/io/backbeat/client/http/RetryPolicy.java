package io.backbeat.client.http;

import java.time.Duration;

/**
 * When a call is sent again. Creates are retried with the <em>same</em> {@code Idempotency-Key}, so a
 * retry after a lost answer returns the task the first attempt created instead of paying twice.
 * Only answers that say nothing was done are retried: connection failures, 429, 502, 503 and 504.
 *
 * @param attempts total attempts, at least 1
 * @param firstDelay the wait before the second attempt; it doubles up to {@code maxDelay}, and a
 *     {@code Retry-After} header of the server wins when it is longer
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(5));
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  static boolean retriable(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  Duration delayBefore(int attempt) {
    long millis = firstDelay.toMillis() << Math.min(20, Math.max(0, attempt - 2));
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
