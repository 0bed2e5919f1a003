package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.ratelimit.RateLimit;
import io.backbeat.core.ratelimit.RateLimiter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per channel (one upstream account), and the upstream's own word on top: a {@code 429}
 * (or a {@code 503} with {@code Retry-After}) pauses its channel until the time it names. A request on
 * a channel that has no token, or is paused, is not sent: it fails at once with an {@link
 * EgressRateLimitedException} that says when to come back.
 *
 * <p>It never waits. Relay work runs off a durable queue, where "again at T" frees the worker and its
 * lease until T; a thread parked in a limiter would hold both, and thousands of polls waiting on one
 * channel would hold thousands of them. Requests without a channel pass untouched; a channel without
 * a configured rate is only paused by its upstream's answers.
 *
 * <p>Nodes sharing one upstream account share its rate: given a shared {@link RateLimiter} (the
 * database's, on PostgreSQL), the tokens are taken there, so the cluster together stays within the
 * channel's rate; this node then remembers only when its last refusal said to come back. An
 * upstream's pause stays per node: each node hears its own {@code 429}.
 */
public final class ChannelRateLimitInterceptor implements Interceptor {
  /** Used when a 429 names no time: long enough to stop a burst, short enough not to idle a channel. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

  /** A Retry-After longer than this is capped: a misbehaving upstream must not stall a channel for days. */
  public static final Duration MAX_BACKOFF = Duration.ofHours(1);

  /**
   * Sustained {@code permitsPerSecond}, with bursts of up to {@code burst} requests after a quiet spell.
   */
  public record Rate(double permitsPerSecond, int burst) {
    public Rate {
      if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
        throw new IllegalArgumentException("permitsPerSecond must be positive, was " + permitsPerSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("burst must be at least 1, was " + burst);
      }
    }

    public static Rate perSecond(double permits, int burst) {
      return new Rate(permits, burst);
    }

    public static Rate perMinute(int permits) {
      return new Rate(permits / 60.0, Math.max(1, permits));
    }

    @Override
    public String toString() {
      return (permitsPerSecond == Math.rint(permitsPerSecond) ? Long.toString((long) permitsPerSecond) : Double.toString(permitsPerSecond))
          + "/s (burst " + burst + ")";
    }
  }

  private final InstantSource clock;
  private final Map<String, Rate> rates;
  private final Optional<RateLimiter> shared;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public ChannelRateLimitInterceptor(InstantSource clock, Map<String, Rate> rates) {
    this(clock, rates, Optional.empty());
  }

  /** With {@code shared}, the channels' tokens are taken from it (see the class comment). */
  public ChannelRateLimitInterceptor(InstantSource clock, Map<String, Rate> rates, Optional<RateLimiter> shared) {
    this.clock = requireNonNull(clock, "clock is null");
    this.rates = Map.copyOf(requireNonNull(rates, "rates is null"));
    this.shared = requireNonNull(shared, "shared is null");
  }

  @Override
  public EgressResponse intercept(Chain chain) throws IOException {
    EgressRequest request = chain.request();
    Optional<String> channel = request.channel();
    if (channel.isEmpty()) {
      return chain.proceed(request);
    }
    Bucket bucket = buckets.computeIfAbsent(channel.get(), name -> new Bucket(rates.get(name), clock.instant()));
    Instant now = clock.instant();
    Optional<String> refusal = shared.isPresent() ? bucket.tryAcquireFrom(shared.get(), channel.get(), now) : bucket.tryAcquire(now);
    if (refusal.isPresent()) {
      Instant retryAt = bucket.nextPermitAt(now);
      throw new EgressRateLimitedException(
          request.field() + " not sent: channel " + channel.get() + " " + refusal.get() + "; retry at " + retryAt,
          request.method(), channel.get(), retryAt);
    }
    EgressResponse response = chain.proceed(request);
    int status = response.status();
    Optional<Instant> asked = RetryAfter.of(response.headers(), clock.instant());
    if (status == 429 || (status == 503 && asked.isPresent())) {
      Instant after = clock.instant();
      Instant until = asked.orElse(after.plus(DEFAULT_BACKOFF));
      Instant cap = after.plus(MAX_BACKOFF);
      bucket.pauseUntil(until.isAfter(cap) ? cap : until, status);
    }
    return response;
  }

  /** When the next request on {@code channel} may go out; now (or earlier) if it may go now. */
  public Instant nextPermitAt(String channel) {
    Instant now = clock.instant();
    Bucket bucket = buckets.get(channel);
    return bucket == null ? now : bucket.nextPermitAt(now);
  }

  @Override
  public String toString() {
    return "ChannelRateLimitInterceptor" + rates;
  }

  /**
   * One channel's tokens and pause. Tokens are kept as nanoseconds of credit (one permit costs {@code
   * 1e9 / rate} ns), so refills are exact integer arithmetic on the injected clock.
   */
  private static final class Bucket {
    private final long nanosPerPermit;
    private final long capacity;
    private final Rate rate;
    private long credit;
    private Instant refilledAt;
    private Instant pausedUntil = Instant.MIN;
    private int pausedBy;
    /** With a shared limiter: when its last refusal said a token is free again. */
    private Instant sharedRefusedUntil = Instant.MIN;

    Bucket(Rate rate, Instant now) {
      this.rate = rate;
      this.nanosPerPermit = rate == null ? 0 : Math.max(1, Math.round(1e9 / rate.permitsPerSecond()));
      this.capacity =
          rate == null ? 0 : rate.burst() > Long.MAX_VALUE / nanosPerPermit ? Long.MAX_VALUE : nanosPerPermit * rate.burst();
      this.credit = capacity;
      this.refilledAt = now;
    }

    /** Takes a token; otherwise says why not. */
    synchronized Optional<String> tryAcquire(Instant now) {
      if (now.isBefore(pausedUntil)) {
        return Optional.of("was asked by its upstream to wait (HTTP " + pausedBy + ")");
      }
      if (rate == null) {
        return Optional.empty();
      }
      refill(now);
      if (credit >= nanosPerPermit) {
        credit -= nanosPerPermit;
        return Optional.empty();
      }
      return Optional.of("is over its rate of " + rate);
    }

    /** Takes a token from the shared limiter (after this node's own pause); otherwise says why not. */
    Optional<String> tryAcquireFrom(RateLimiter limiter, String channel, Instant now) {
      synchronized (this) {
        if (now.isBefore(pausedUntil)) {
          return Optional.of("was asked by its upstream to wait (HTTP " + pausedBy + ")");
        }
      }
      if (rate == null) {
        return Optional.empty();
      }
      Optional<Duration> wait = limiter.tryAcquire("channel:" + channel, new RateLimit(rate.burst(), rate.permitsPerSecond()));
      if (wait.isEmpty()) {
        return Optional.empty();
      }
      synchronized (this) {
        Instant until = now.plus(wait.get());
        if (until.isAfter(sharedRefusedUntil)) {
          sharedRefusedUntil = until;
        }
      }
      return Optional.of("is over its rate of " + rate + " (shared by every node)");
    }

    synchronized Instant nextPermitAt(Instant now) {
      if (now.isBefore(pausedUntil)) {
        return pausedUntil;
      }
      if (now.isBefore(sharedRefusedUntil)) {
        return sharedRefusedUntil;
      }
      if (rate == null) {
        return now;
      }
      refill(now);
      return credit >= nanosPerPermit ? now : now.plusNanos(nanosPerPermit - credit);
    }

    synchronized void pauseUntil(Instant until, int status) {
      if (until.isAfter(pausedUntil)) {
        pausedUntil = until;
        pausedBy = status;
      }
      // after a pause one request may go at once, the rest follow at the sustained rate, not in a burst
      credit = nanosPerPermit;
      refilledAt = pausedUntil.isAfter(refilledAt) ? pausedUntil : refilledAt;
    }

    private void refill(Instant now) {
      if (now.isAfter(refilledAt)) {
        long elapsed = saturatedNanos(refilledAt, now);
        credit = elapsed >= capacity - credit ? capacity : credit + elapsed;
        refilledAt = now;
      }
    }

    private static long saturatedNanos(Instant from, Instant to) {
      try {
        return Duration.between(from, to).toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
  }
}
