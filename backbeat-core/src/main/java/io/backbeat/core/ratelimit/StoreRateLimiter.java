package io.backbeat.core.ratelimit;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.Transactor;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Token buckets kept in the database, so every node sharing it grants one key's limit once between
 * them. Each request is one atomic statement in its own short transaction ({@link
 * io.backbeat.core.store.RateLimitStore#tryAcquire}): no lock outlives it, and a database outage
 * fails the request as any other database call would (503, retry).
 */
public final class StoreRateLimiter implements RateLimiter {
  private final Transactor transactor;
  private final InstantSource clock;

  public StoreRateLimiter(Transactor transactor, InstantSource clock) {
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public Optional<Duration> tryAcquire(String bucketKey, RateLimit limit) {
    requireNonNull(bucketKey, "bucketKey is null");
    requireNonNull(limit, "limit is null");
    return transactor.inTransaction(tx -> tx.rateLimits().tryAcquire(bucketKey, limit, clock.instant()));
  }
}
