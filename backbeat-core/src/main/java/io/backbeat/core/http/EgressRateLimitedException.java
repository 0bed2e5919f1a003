package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Not sent: the request's channel is over its rate, or its upstream asked to wait ({@code 429} or
 * {@code 503} with {@code Retry-After}). Always {@link SendClassification#NOT_SENT}. A queue-driven
 * caller schedules the work again at {@link #retryAt()} and frees its worker meanwhile; nothing blocks.
 */
public final class EgressRateLimitedException extends EgressException {
  private final String channel;
  private final Instant retryAt;

  EgressRateLimitedException(String message, String method, String channel, Instant retryAt) {
    super(message, null, SendClassification.NOT_SENT, method, -1);
    this.channel = requireNonNull(channel, "channel is null");
    this.retryAt = requireNonNull(retryAt, "retryAt is null");
  }

  /** The channel that is limited. */
  public String channel() {
    return channel;
  }

  /** The earliest time a request on this channel may be sent again. */
  public Instant retryAt() {
    return retryAt;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
