package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What outbound requests may do.
 *
 * @param allowPrivate the {@code BACKBEAT_EGRESS_ALLOW_PRIVATE} switch: when true, loopback, private,
 *     link-local and other internal addresses are allowed (for a self-hosted gateway whose callback
 *     receiver runs next to it); URL shape rules still apply
 * @param maxResponseBytes how much of a webhook receiver's answer is read (and dropped) before the
 *     connection is cut; JSON calls use {@link EgressRequest#maxResponseBytes()}, downloads their own limit
 * @param connectTimeout how long one TCP (and TLS) connect may take
 * @param maxRedirects how many redirects a download follows, each hop re-checked
 */
public record EgressPolicy(boolean allowPrivate, long maxResponseBytes, Duration connectTimeout, int maxRedirects) {
  /** The environment variable that turns {@link #allowPrivate} on. */
  public static final String ALLOW_PRIVATE_ENV = "BACKBEAT_EGRESS_ALLOW_PRIVATE";

  public EgressPolicy {
    requireNonNull(connectTimeout, "connectTimeout is null");
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative, was " + maxRedirects);
    }
  }

  /**
   * 1 MiB of response (a webhook receiver has no reason to say more), 10 s to connect, 5 redirects
   * (enough for CDN hops; more is usually a loop).
   */
  public static EgressPolicy defaults(boolean allowPrivate) {
    return new EgressPolicy(allowPrivate, 1024 * 1024, Duration.ofSeconds(10), 5);
  }

  public EgressPolicy withMaxResponseBytes(long bytes) {
    return new EgressPolicy(allowPrivate, bytes, connectTimeout, maxRedirects);
  }

  public EgressPolicy withConnectTimeout(Duration timeout) {
    return new EgressPolicy(allowPrivate, maxResponseBytes, timeout, maxRedirects);
  }

  public EgressPolicy withMaxRedirects(int redirects) {
    return new EgressPolicy(allowPrivate, maxResponseBytes, connectTimeout, redirects);
  }
}
