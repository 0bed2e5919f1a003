package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.http.ChannelRateLimitInterceptor;
import java.time.Instant;

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

  public RelayChannel(ChannelConfig config, UpstreamClient client, ChannelRateLimitInterceptor limiter) {
    this.config = requireNonNull(config, "config is null");
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

  /** When the next request may go to this upstream: now (or earlier) when it may go at once. */
  public Instant nextPermitAt() {
    return limiter.nextPermitAt(config.name());
  }

  @Override
  public String toString() {
    return "RelayChannel[" + config.name() + ", " + config.type().configName() + "]";
  }
}
