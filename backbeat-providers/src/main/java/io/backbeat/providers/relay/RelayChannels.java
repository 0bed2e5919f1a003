package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.http.ChannelRateLimitInterceptor;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.ratelimit.RateLimiter;
import io.backbeat.providers.dashscope.DashScopeRelayClient;
import io.backbeat.providers.kling.KlingJwt;
import io.backbeat.providers.kling.KlingRelayClient;
import io.backbeat.providers.suno.SunoFamily;
import io.backbeat.providers.suno.SunoRelayClient;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a usable channel from its config: an egress client derived from the shared one (same
 * connections, same guard) bound to the channel's API root, credential and rate limiter, and the
 * upstream client of its type. The credential is read from the {@link Secret} per request and goes
 * only to the API root's origin.
 */
public final class RelayChannels {
  private RelayChannels() {}

  /**
   * @throws IllegalArgumentException if the channel lacks a credential its type needs (callers
   *     report and skip such channels before getting here)
   */
  public static RelayChannel build(ChannelConfig config, EgressHttpClient shared, InstantSource clock) {
    return build(config, shared, clock, Optional.empty());
  }

  /**
   * @param sharedLimits where the channel's tokens are taken when several nodes share its upstream
   *     account (the database's buckets on PostgreSQL); empty to count them on this node
   */
  public static RelayChannel build(ChannelConfig config, EgressHttpClient shared, InstantSource clock, Optional<RateLimiter> sharedLimits) {
    requireNonNull(config, "config is null");
    if (!config.type().isRelay()) {
      throw new IllegalArgumentException("channel " + config.name() + " is local: it has no upstream");
    }
    if (!config.missingCredentials().isEmpty()) {
      throw new IllegalArgumentException("channel " + config.name() + " lacks " + config.missingCredentials());
    }
    ChannelRateLimitInterceptor limiter =
        new ChannelRateLimitInterceptor(clock, config.rate() == null ? Map.of() : Map.of(config.name(), config.rate()), sharedLimits);
    EgressHttpClient.Builder http =
        shared.newBuilder()
            .baseUrl(config.apiRoot())
            .channel(config.name())
            .field(config.name() + " upstream")
            .rateLimiter(limiter)
            .timeout(config.timeout())
            .clock(clock);
    UpstreamClient client =
        switch (config.type()) {
          case SUNOAPI -> new SunoRelayClient(SunoFamily.SUNOAPI, http.bearer(config.apiKey()::reveal).build(), clock);
          case ANYINT_SUNO -> new SunoRelayClient(SunoFamily.ANYINT, http.bearer(config.apiKey()::reveal).build(), clock);
          case DASHSCOPE -> new DashScopeRelayClient(http.bearer(config.apiKey()::reveal).build(), clock, config.timeout());
          case KLING -> new KlingRelayClient(http.bearer(new KlingJwt(config.accessKey(), config.secretKey(), clock)).build(), clock);
          case LOCAL -> throw new AssertionError("unreachable");
        };
    return new RelayChannel(config, client, limiter, clock);
  }
}
