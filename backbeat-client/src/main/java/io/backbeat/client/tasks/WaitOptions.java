package io.backbeat.client.tasks;

import java.time.Duration;

/**
 * How {@link Tasks#waitFor} waits.
 *
 * @param timeout the longest wait in all
 * @param useEvents ride the live event stream ({@code /v1/tasks/{id}/events}); false polls only
 * @param firstPoll the first polling interval once polling; it grows by half each time up to {@code maxPoll}
 * @param reconnects how many times a dropped stream is resumed (with {@code Last-Event-ID}) before
 *     falling back to polling
 */
public record WaitOptions(Duration timeout, boolean useEvents, Duration firstPoll, Duration maxPoll, int reconnects) {
  public static final WaitOptions DEFAULT = new WaitOptions(Duration.ofMinutes(10), true, Duration.ofMillis(500), Duration.ofSeconds(10), 5);

  public WaitOptions withTimeout(Duration timeout) {
    return new WaitOptions(timeout, useEvents, firstPoll, maxPoll, reconnects);
  }

  public WaitOptions pollingOnly() {
    return new WaitOptions(timeout, false, firstPoll, maxPoll, reconnects);
  }
}
