package io.backbeat.server.ops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.providers.relay.ChannelConfig;
import io.backbeat.providers.relay.ChannelHealth;
import io.backbeat.providers.relay.RelayProvider;
import io.backbeat.server.config.ChannelsConfig;
import io.backbeat.server.http.Json;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The operator's view of the upstream channels: what is configured (usable, local, skipped and
 * why), and each upstream channel's health on this node — submits by outcome, polls, success rate,
 * latency, open tasks (all nodes), last error, rate-limit state. Shown at {@code GET /v1/channels}
 * and as {@code backbeat_channel_*} metrics. Never a credential, never a base URL's secret parts
 * (only the host is shown).
 */
public final class UpstreamChannels {
  /** Scrapes and page views share one snapshot this long: each one counts open tasks in the database. */
  private static final Duration CACHE = Duration.ofSeconds(1);

  private final Optional<RelayProvider> relay;
  private final ChannelsConfig config;
  private final InstantSource clock;
  private volatile Cached cached = new Cached(Instant.MIN, Map.of());

  private record Cached(Instant at, Map<String, ChannelHealth.Snapshot> snapshots) {}

  public UpstreamChannels(Optional<RelayProvider> relay, ChannelsConfig config, InstantSource clock) {
    this.relay = requireNonNull(relay, "relay is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** {@code {"configured":…,"channels":[…],"skipped":[…]}}, newest health. */
  public ObjectNode view() {
    Map<String, ChannelHealth.Snapshot> health = snapshots();
    ObjectNode root = Json.object();
    root.put("configured", config.configured());
    ArrayNode channels = root.putArray("channels");
    if (!config.configured()) {
      channels.addObject().put("name", "local").put("type", "local").put("status", "default").put("note", "no channels configured: the local studio serves every kind");
    }
    for (ChannelConfig channel : config.usable()) {
      ObjectNode node = channels.addObject();
      node.put("name", channel.name()).put("type", channel.type().configName());
      if (channel.type().isRelay()) {
        node.put("host", java.net.URI.create(channel.apiRoot()).getHost());
      }
      ArrayNode kinds = node.putArray("kinds");
      channel.kinds().stream().map(Enum::name).sorted().forEach(kinds::add);
      ArrayNode models = node.putArray("models");
      channel.models().stream().sorted().forEach(models::add);
      node.put("priority", channel.priority()).put("weight", channel.weight());
      if (channel.rate() != null) {
        node.put("rateLimit", channel.rate().toString());
      }
      if (channel.concurrency() > 0) {
        node.put("concurrency", channel.concurrency());
      }
      ChannelHealth.Snapshot s = health.get(channel.name());
      if (s == null) {
        node.put("status", channel.type().isRelay() ? "unavailable" : "local");
        if (!channel.type().isRelay() && relay.isPresent()) {
          RelayProvider.LocalChannelCounts counts = relay.get().localCounts(channel.name());
          node.putObject("health").put("tasksFirst", counts.first()).put("tasksFallback", counts.fallbacks());
        }
        continue;
      }
      node.put("status", s.rateLimitedUntil() != null ? "rate-limited" : "ok");
      ObjectNode h = node.putObject("health");
      h.put("openTasks", s.openTasks());
      ObjectNode submits = h.putObject("submits");
      submits.put("accepted", s.submitsAccepted()).put("refused", s.submitsRefused()).put("rejected", s.submitsRejected()).put("unknown", s.submitsUnknown());
      h.put("polls", s.polls()).put("pollFailures", s.pollFailures());
      h.put("tasksSucceeded", s.tasksSucceeded()).put("tasksFailed", s.tasksFailed());
      if (Double.isNaN(s.successRate())) {
        h.putNull("successRate");
      } else {
        h.put("successRate", Math.round(s.successRate() * 1000) / 1000.0);
      }
      h.put("averageLatencyMs", Math.round(s.averageLatencyMillis() * 10) / 10.0).put("lastLatencyMs", Math.round(s.lastLatencyMillis() * 10) / 10.0);
      if (s.lastError() != null) {
        h.put("lastError", s.lastError()).put("lastErrorAt", s.lastErrorAt().toString());
      }
      if (s.rateLimitedUntil() != null) {
        h.put("rateLimitedUntil", s.rateLimitedUntil().toString());
      }
    }
    ArrayNode skipped = root.putArray("skipped");
    for (ChannelsConfig.Skipped s : config.skipped()) {
      skipped.addObject().put("name", s.name()).put("type", s.type()).put("reason", s.reason());
    }
    return root;
  }

  /** Registers the per-channel meters; they read the shared snapshot when scraped. */
  public void bindTo(MeterRegistry registry) {
    relay.ifPresent(r -> {
      for (ChannelConfig channel : config.usable()) {
        if (channel.type().isRelay()) {
          continue;
        }
        String name = channel.name();
        for (String reason : List.of("first", "fallback")) {
          FunctionCounter.builder("backbeat_channel_local_tasks", r,
                  p -> reason.equals("first") ? p.localCounts(name).first() : p.localCounts(name).fallbacks())
              .description("tasks the local studio took as this channel on this node: ranked first, or after every upstream before it refused")
              .tags("channel", name, "type", channel.type().configName(), "reason", reason).register(registry);
        }
      }
    });
    for (ChannelConfig channel : config.relays()) {
      String name = channel.name();
      String type = channel.type().configName();
      gauge(registry, "backbeat_channel_open_tasks", "tasks the upstream holds for us now", name, type, s -> s.openTasks());
      gauge(registry, "backbeat_channel_success_ratio", "succeeded over finished tasks on this node (NaN before any)", name, type, ChannelHealth.Snapshot::successRate);
      gauge(registry, "backbeat_channel_latency_avg_seconds", "average upstream call latency on this node", name, type, s -> s.averageLatencyMillis() / 1000);
      gauge(registry, "backbeat_channel_rate_limited", "1 while the channel is paused or out of tokens", name, type, s -> s.rateLimitedUntil() == null ? 0 : 1);
      gauge(registry, "backbeat_channel_last_error_timestamp_seconds", "when the last upstream error happened (0: none)", name, type,
          s -> s.lastErrorAt() == null ? 0 : s.lastErrorAt().getEpochSecond());
      for (String outcome : List.of("accepted", "refused", "rejected", "unknown")) {
        FunctionCounter.builder("backbeat_channel_submits", this, u -> u.value(name, s -> switch (outcome) {
              case "accepted" -> s.submitsAccepted();
              case "refused" -> s.submitsRefused();
              case "rejected" -> s.submitsRejected();
              default -> s.submitsUnknown();
            }))
            .description("upstream create calls by outcome").tags("channel", name, "type", type, "outcome", outcome).register(registry);
      }
      FunctionCounter.builder("backbeat_channel_polls", this, u -> u.value(name, ChannelHealth.Snapshot::polls))
          .description("upstream polls").tags("channel", name, "type", type).register(registry);
      FunctionCounter.builder("backbeat_channel_poll_failures", this, u -> u.value(name, ChannelHealth.Snapshot::pollFailures))
          .description("upstream polls that failed").tags("channel", name, "type", type).register(registry);
      for (String result : List.of("succeeded", "failed")) {
        FunctionCounter.builder("backbeat_channel_tasks", this,
                u -> u.value(name, s -> result.equals("succeeded") ? s.tasksSucceeded() : s.tasksFailed()))
            .description("tasks this node finished on the channel").tags("channel", name, "type", type, "result", result).register(registry);
      }
    }
  }

  private void gauge(MeterRegistry registry, String meter, String description, String channel, String type, ToDoubleFunction<ChannelHealth.Snapshot> f) {
    Gauge.builder(meter, this, u -> u.value(channel, f)).description(description).tags("channel", channel, "type", type).register(registry);
  }

  private double value(String channel, ToDoubleFunction<ChannelHealth.Snapshot> f) {
    ChannelHealth.Snapshot s = snapshots().get(channel);
    return s == null ? Double.NaN : f.applyAsDouble(s);
  }

  private Map<String, ChannelHealth.Snapshot> snapshots() {
    Instant now = clock.instant();
    Cached c = cached;
    if (now.isBefore(c.at().plus(CACHE))) {
      return c.snapshots();
    }
    Map<String, ChannelHealth.Snapshot> fresh =
        relay.map(r -> r.health(now).stream().collect(Collectors.toMap(ChannelHealth.Snapshot::channel, s -> s))).orElse(Map.of());
    cached = new Cached(now, fresh);
    return fresh;
  }
}
