package io.backbeat.core.store;

import io.backbeat.core.ratelimit.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Token buckets shared by every node on one database, one row per bucket key. */
public interface RateLimitStore {

  /**
   * Takes one token from {@code bucketKey}'s bucket at {@code now}, atomically: two nodes taking the
   * last token at once get one yes and one no. Empty when allowed, else how long until a token is
   * available. A bucket never seen is full.
   */
  Optional<Duration> tryAcquire(String bucketKey, RateLimit limit, Instant now);

  /** Forgets buckets that are full again at {@code now} (a forgotten bucket comes back full); returns how many. */
  int deleteFull(Instant now);
}
