package io.backbeat.bench.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the used heap every few milliseconds on a daemon thread and keeps the highest value.
 * Sampling can miss a peak between samples, so this is a slight underestimate; it does not
 * count memory freed by a collection it never saw as live.
 */
final class HeapSampler implements AutoCloseable {
  private static final long PERIOD_MS = 5;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  HeapSampler() {
    peak = used();
    thread = Thread.ofPlatform().daemon().name("heap-sampler").start(this::loop);
  }

  long peakBytes() {
    return Math.max(peak, used());
  }

  private void loop() {
    while (running) {
      long now = used();
      if (now > peak) {
        peak = now;
      }
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
