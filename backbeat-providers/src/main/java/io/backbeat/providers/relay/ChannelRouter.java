package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.spec.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Orders the configured channels for a task: those that serve its kind and model, higher priority
 * first; among equal priorities a weighted random order (each channel's share of first places is its
 * weight over the sum), drawn from the task id so every node and every retry sees the same order.
 * Local channels take part like any other: the local studio wins a task when it ranks first.
 */
public final class ChannelRouter {
  private final List<ChannelConfig> channels;

  public ChannelRouter(List<ChannelConfig> channels) {
    this.channels = List.copyOf(requireNonNull(channels, "channels is null"));
  }

  /**
   * The channels for a task of {@code spec}, in the order to try them.
   *
   * @param usable further conditions (the upstream client supports the spec, the source clip's channel)
   * @param seed the task id, or any string when there is none yet
   */
  public List<ChannelConfig> order(TaskSpec spec, Predicate<ChannelConfig> usable, String seed) {
    SplittableRandom random = new SplittableRandom(seedOf(seed));
    record Ranked(ChannelConfig channel, double key) {}
    List<Ranked> ranked = new ArrayList<>();
    for (ChannelConfig channel : channels) {
      if (channel.serves(spec.kind(), spec.model()) && usable.test(channel)) {
        // Efraimidis–Spirakis: ascending -ln(u)/w is a weighted random permutation
        double u = 1.0 - random.nextDouble();
        ranked.add(new Ranked(channel, -Math.log(u) / channel.weight()));
      }
    }
    ranked.sort(Comparator.comparingInt((Ranked r) -> -r.channel().priority()).thenComparingDouble(Ranked::key));
    return ranked.stream().map(Ranked::channel).toList();
  }

  /** A fresh random order, for routing a new task that has no id yet. */
  public List<ChannelConfig> orderForNewTask(TaskSpec spec, Predicate<ChannelConfig> usable) {
    return order(spec, usable, Long.toHexString(new Random().nextLong()));
  }

  public List<ChannelConfig> channels() {
    return channels;
  }

  private static long seedOf(String seed) {
    long h = 1125899906842597L;
    for (byte b : seed.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h;
  }
}
