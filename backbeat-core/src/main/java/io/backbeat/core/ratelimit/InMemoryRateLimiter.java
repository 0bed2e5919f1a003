package io.backbeat.core.ratelimit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets keyed by any string (an API key id, or key id + task id for polling).
 * Per node: each node of a cluster would grant the full limit, so a cluster on a shared database
 * uses {@link StoreRateLimiter}. Idle buckets are dropped by {@link #evictIdle} so memory stays
 * bounded.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private final InstantSource clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public InMemoryRateLimiter(InstantSource clock) {
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public Optional<Duration> tryAcquire(String bucketKey, RateLimit limit) {
    long now = nanos(clock.instant());
    // get first: the bucket exists for all but a key's first request, and get takes no lock
    Bucket bucket = buckets.get(bucketKey);
    if (bucket == null) {
      bucket = buckets.computeIfAbsent(bucketKey, k -> new Bucket(limit.burst(), now));
    }
    synchronized (bucket) {
      double elapsed = Math.max(0, (now - bucket.updated) / 1e9);
      bucket.tokens = Math.min(limit.burst(), bucket.tokens + elapsed * limit.perSecond());
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Optional.empty();
      }
      double wait = (1 - bucket.tokens) / limit.perSecond();
      return Optional.of(Duration.ofNanos((long) Math.ceil(wait * 1e9)));
    }
  }

  /** Drops buckets untouched for {@code idle}; a dropped bucket comes back full, which is harmless then. */
  public void evictIdle(Duration idle) {
    long cutoff = nanos(clock.instant()) - idle.toNanos();
    buckets.entrySet().removeIf(e -> e.getValue().updated < cutoff);
  }

  /** Nanoseconds since the epoch: exact for the clock's instants, and no object per request. */
  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
