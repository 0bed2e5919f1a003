package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * When to poll an upstream job next: soon after the submit, then less often as it ages (a quarter of
 * its age), never more often than {@code initial} nor less often than {@code max}. A song polled
 * from 5 s up to 60 s makes about 20 polls in ten minutes instead of 600 at one per second; the
 * upstream's callbacks wake the task in between anyway.
 */
public record PollSchedule(Duration initial, Duration max) {
  public PollSchedule {
    requireNonNull(initial, "initial is null");
    requireNonNull(max, "max is null");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("poll schedule must have 0 < initial <= max");
    }
  }

  /** The next poll of a job running since {@code since}. */
  public Instant next(Instant now, Instant since) {
    Duration age = Duration.between(since, now);
    Duration delay = age.isNegative() ? initial : age.dividedBy(4);
    if (delay.compareTo(initial) < 0) {
      delay = initial;
    } else if (delay.compareTo(max) > 0) {
      delay = max;
    }
    return now.plus(delay);
  }
}
