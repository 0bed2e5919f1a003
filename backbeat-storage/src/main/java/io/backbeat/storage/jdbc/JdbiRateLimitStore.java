package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.ratelimit.RateLimit;
import io.backbeat.core.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;

/**
 * {@code rate_limit}: token buckets as GCRA rows (one theoretical arrival time per key), taken in
 * one upsert (a batch of tokens at a time: {@link io.backbeat.core.ratelimit.StoreRateLimiter}'s
 * leases), which holds its row lock only until its commit. A request's time is its node's clock,
 * read just before the statement, but never earlier than the latest time the bucket has seen: under
 * load a thread can stall a second between the two, and nodes' clocks drift; either would otherwise
 * make a late request look like part of a burst.
 */
public final class JdbiRateLimitStore implements RateLimitStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiRateLimitStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  private record Answer(long tatMicros, long seenMicros, long granted) {}

  @Override
  public Grant take(String bucketKey, RateLimit limit, Instant now, long giveBack, long want) {
    requireNonNull(bucketKey, "bucketKey is null");
    requireNonNull(limit, "limit is null");
    requireNonNull(now, "now is null");
    if (giveBack < 0) throw new IllegalArgumentException("giveBack must not be negative");
    if (want < 1) throw new IllegalArgumentException("want must be at least 1");
    long interval = Math.max(1, Math.round(1e6 / limit.perSecond()));
    long tolerance = Math.round(limit.burst() * 1e6 / limit.perSecond());
    long nowMicros = micros(now);
    long first = Math.min(want, Math.max(1, tolerance / interval)); // a new bucket is full, and burst >= 1
    Answer answer =
        handle
            .createQuery(sql.get(JdbiRateLimitStore.class, "take"))
            .bind("key", bucketKey)
            .bind("now", nowMicros)
            .bind("interval", interval)
            .bind("tolerance", tolerance)
            .bind("give", giveBack)
            .bind("want", want)
            .bind("first", first)
            .map((rs, ctx) -> new Answer(rs.getLong("tat_micros"), rs.getLong("seen_micros"), rs.getLong("last_granted")))
            .one();
    if (answer.granted() > 0) {
      return new Grant(answer.granted(), Duration.ZERO);
    }
    // the next token is there once tat + interval - t <= tolerance, t being the bucket's time
    return new Grant(0, Duration.of(Math.max(1, answer.tatMicros() + interval - tolerance - answer.seenMicros()), ChronoUnit.MICROS));
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
