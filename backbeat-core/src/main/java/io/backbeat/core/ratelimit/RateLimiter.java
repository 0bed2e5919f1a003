package io.backbeat.core.ratelimit;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets keyed by any string: {@code burst} requests at once, refilled at {@code perSecond}.
 * In memory for one node, or in the database for a cluster that shares one.
 */
public sealed interface RateLimiter permits InMemoryRateLimiter, StoreRateLimiter {

  /** Takes one token; empty when allowed, else how long until a token is available. */
  Optional<Duration> tryAcquire(String bucketKey, RateLimit limit);
}
