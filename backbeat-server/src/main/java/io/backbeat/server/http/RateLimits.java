package io.backbeat.server.http;

import io.backbeat.core.ratelimit.RateLimit;
import java.util.Map;

/**
 * Per-key limits: {@code create} for create routes (Suno code 430), {@code poll} for querying one
 * task (Suno code 405). {@code perKey} overrides both for chosen API key ids.
 */
public record RateLimits(RateLimit create, RateLimit poll, Map<String, Override> perKey) {
  /** Generous: a real app (or a load test) creating 20 tasks a second, polling each 5 times a second. */
  public static final RateLimits DEFAULT = new RateLimits(new RateLimit(100, 20), new RateLimit(20, 5), Map.of());

  public RateLimits {
    perKey = Map.copyOf(perKey);
  }

  public record Override(RateLimit create, RateLimit poll) {}

  public RateLimit createFor(String apiKeyId) {
    Override o = perKey.get(apiKeyId);
    return o != null && o.create() != null ? o.create() : create;
  }

  public RateLimit pollFor(String apiKeyId) {
    Override o = perKey.get(apiKeyId);
    return o != null && o.poll() != null ? o.poll() : poll;
  }
}
