package io.backbeat.core.ratelimit;

/** A token bucket: up to {@code burst} requests at once, refilled at {@code perSecond}. */
public record RateLimit(double burst, double perSecond) {
  public RateLimit {
    if (burst < 1) throw new IllegalArgumentException("burst must be at least 1");
    if (perSecond <= 0) throw new IllegalArgumentException("perSecond must be positive");
  }
}
