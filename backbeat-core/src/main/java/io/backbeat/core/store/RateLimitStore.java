package io.backbeat.core.store;

import io.backbeat.core.ratelimit.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Token buckets shared by every node on one database, one row per bucket key. */
public interface RateLimitStore {

  /**
   * At {@code now}, atomically, puts {@code giveBack} unused tokens back into {@code bucketKey}'s
   * bucket (never beyond its burst) and then takes as many as it has, up to {@code want} (at least
   * 1): two nodes taking the last token at once get one yes and one no. A bucket never seen is full.
   */
  Grant take(String bucketKey, RateLimit limit, Instant now, long giveBack, long want);

  /** Takes one token: empty when allowed, else how long until a token is available. */
  default Optional<Duration> tryAcquire(String bucketKey, RateLimit limit, Instant now) {
    Grant grant = take(bucketKey, limit, now, 0, 1);
    return grant.granted() > 0 ? Optional.empty() : Optional.of(grant.retryAfter());
  }

  /** Forgets buckets that are full again at {@code now} (a forgotten bucket comes back full); returns how many. */
  int deleteFull(Instant now);

  /** How many tokens were taken; when none, how long until the bucket has one (else zero). */
  record Grant(long granted, Duration retryAfter) {
    public Grant {
      if (granted < 0) throw new IllegalArgumentException("granted must not be negative");
      if (granted == 0 && !retryAfter.isPositive()) throw new IllegalArgumentException("a refusal says when to retry");
    }
  }
}
