package io.backbeat.core.queue;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * @param slots steps run at once on this node, per provider name; a provider not listed gets its
 *     own default ({@code Provider.defaultSlots()}: local rendering near the core count, relays many)
 * @param lease how long a claim lives without renewal; a dead node's tasks are rescued after it
 * @param maxAttempts runs per task before it fails with TIMEOUT (crash loops must end)
 * @param retryBackoff first delay after a retryable provider error, doubled per attempt
 */
public record DispatcherConfig(Map<String, Integer> slots, Duration lease, int maxAttempts, Duration retryBackoff) {
  public static final DispatcherConfig DEFAULT = new DispatcherConfig(Map.of(), Duration.ofSeconds(30), 5, Duration.ofSeconds(2));

  public DispatcherConfig {
    slots = Map.copyOf(requireNonNull(slots, "slots is null"));
    slots.forEach((provider, n) -> {
      if (n < 1) throw new IllegalArgumentException("slots of " + provider + " must be at least 1");
    });
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    if (lease.toMillis() < 1000) throw new IllegalArgumentException("lease must be at least 1s");
  }

  public DispatcherConfig withSlots(String provider, int n) {
    Map<String, Integer> more = new java.util.HashMap<>(slots);
    more.put(provider, n);
    return new DispatcherConfig(more, lease, maxAttempts, retryBackoff);
  }
}
