package io.backbeat.server.config;

import static java.util.Objects.requireNonNull;

import io.backbeat.providers.relay.ChannelConfig;
import java.util.List;

/**
 * The upstream channels of the config file: those usable (local ones included) and those skipped
 * with the reason (missing credentials), reported at start-up and by {@code ./backbeat channels}.
 *
 * @param configured whether the config lists channels at all: without, the local studio serves everything
 */
public record ChannelsConfig(boolean configured, List<ChannelConfig> usable, List<Skipped> skipped) {
  public static final ChannelsConfig NONE = new ChannelsConfig(false, List.of(), List.of());

  public ChannelsConfig {
    usable = List.copyOf(usable);
    skipped = List.copyOf(skipped);
  }

  /** A configured channel that will not be used, and why (never a secret's value). */
  public record Skipped(String name, String type, String reason) {
    public Skipped {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
      requireNonNull(reason, "reason is null");
    }
  }

  public List<ChannelConfig> relays() {
    return usable.stream().filter(c -> c.type().isRelay()).toList();
  }

  public List<ChannelConfig> locals() {
    return usable.stream().filter(c -> !c.type().isRelay()).toList();
  }
}
