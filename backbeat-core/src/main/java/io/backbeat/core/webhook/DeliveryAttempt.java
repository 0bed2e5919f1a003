package io.backbeat.core.webhook;

import java.time.Instant;

/**
 * One POST of a delivery. {@code statusCode} is null when no HTTP answer came (refused, timeout);
 * then {@code error} says why. {@code responseExcerpt} is the first bytes of the receiver's answer.
 */
public record DeliveryAttempt(
    String deliveryId, int attemptNo, Instant at, Integer statusCode, long latencyMillis, String responseExcerpt, String error) {

  public boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}
