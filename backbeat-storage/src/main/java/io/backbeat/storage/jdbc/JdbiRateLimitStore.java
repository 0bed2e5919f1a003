package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.ratelimit.RateLimit;
import io.backbeat.core.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code rate_limit}: token buckets as GCRA rows (one theoretical arrival time per key), taken in
 * one upsert, so a request costs one statement and holds its row lock only until its commit. A
 * request's time is its node's clock, read just before the statement, but never earlier than the
 * latest time the bucket has seen: under load a thread can stall a second between the two, and
 * nodes' clocks drift; either would otherwise make a late request look like part of a burst.
 */
public final class JdbiRateLimitStore implements RateLimitStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiRateLimitStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  private record Answer(long tatMicros, long seenMicros, boolean allowed) {}

  @Override
  public Optional<Duration> tryAcquire(String bucketKey, RateLimit limit, Instant now) {
    requireNonNull(bucketKey, "bucketKey is null");
    requireNonNull(limit, "limit is null");
    requireNonNull(now, "now is null");
    long interval = Math.max(1, Math.round(1e6 / limit.perSecond()));
    long tolerance = Math.round(limit.burst() * 1e6 / limit.perSecond());
    long nowMicros = micros(now);
    Answer answer =
        handle
            .createQuery(sql.get(JdbiRateLimitStore.class, "tryAcquire"))
            .bind("key", bucketKey)
            .bind("now", nowMicros)
            .bind("interval", interval)
            .bind("tolerance", tolerance)
            .map((rs, ctx) -> new Answer(rs.getLong("tat_micros"), rs.getLong("seen_micros"), rs.getBoolean("last_allowed")))
            .one();
    if (answer.allowed()) {
      return Optional.empty();
    }
    // the next request is allowed once tat + interval - t <= tolerance, t being the bucket's time
    return Optional.of(Duration.of(Math.max(1, answer.tatMicros() + interval - tolerance - answer.seenMicros()), ChronoUnit.MICROS));
  }

  @Override
  public int deleteFull(Instant now) {
    requireNonNull(now, "now is null");
    return handle.createUpdate(sql.get(JdbiRateLimitStore.class, "deleteFull")).bind("now", micros(now)).execute();
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
