package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.http.ChannelRateLimitInterceptor;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A configured upstream channel, ready to use: its config, the client that speaks its API (through
 * an egress client bound to its base URL, credential and rate limit), its rate limiter (shared by
 * submits and polls), its callback tokens and what this node has seen of its health.
 */
public final class RelayChannel {
  private final ChannelConfig config;
  private final UpstreamClient client;
  private final ChannelRateLimitInterceptor limiter;
  private final CallbackTokens tokens;
  private final ChannelHealth health = new ChannelHealth();
  private final PollSchedule polls;
  private final InstantSource clock;

  /** @param clock the limiter's clock */
  public RelayChannel(ChannelConfig config, UpstreamClient client, ChannelRateLimitInterceptor limiter, InstantSource clock) {
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.client = requireNonNull(client, "client is null");
    this.limiter = requireNonNull(limiter, "limiter is null");
    this.tokens = CallbackTokens.forChannel(config);
    this.polls = new PollSchedule(config.pollInitial(), config.pollMax());
  }

  public String name() {
    return config.name();
  }

  public ChannelConfig config() {
    return config;
  }

  public UpstreamClient client() {
    return client;
  }

  public CallbackTokens tokens() {
    return tokens;
  }

  public ChannelHealth health() {
    return health;
  }

  PollSchedule polls() {
    return polls;
  }

  /**
   * Until when this upstream takes no request (an empty bucket, or a pause it asked for), or null
   * when one may go now. Judged on the limiter's own clock, read after it: a limiter that answers
   * "now" is never mistaken for "a moment from now".
   */
  public Instant blockedUntil() {
    Instant permit = limiter.nextPermitAt(config.name());
    return permit.isAfter(clock.instant()) ? permit : null;
  }

  @Override
  public String toString() {
    return "RelayChannel[" + config.name() + ", " + config.type().configName() + "]";
  }
}
