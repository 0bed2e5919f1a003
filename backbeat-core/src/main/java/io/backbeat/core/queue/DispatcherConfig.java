package io.backbeat.core.queue;

import java.time.Duration;

/**
 * @param maxWorkers tasks run at once on this node (local rendering is CPU-bound: keep it near the core count)
 * @param lease how long a claim lives without renewal; a dead node's tasks are reclaimed after it
 * @param maxAttempts runs per task before it fails with TIMEOUT (crash loops must end)
 * @param retryBackoff first delay after a retryable provider error, doubled per attempt
 */
public record DispatcherConfig(int maxWorkers, Duration lease, int maxAttempts, Duration retryBackoff) {
  public static final DispatcherConfig DEFAULT = new DispatcherConfig(4, Duration.ofSeconds(30), 5, Duration.ofSeconds(2));

  public DispatcherConfig {
    if (maxWorkers < 1) throw new IllegalArgumentException("maxWorkers must be at least 1");
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    if (lease.toMillis() < 1000) throw new IllegalArgumentException("lease must be at least 1s");
  }
}
