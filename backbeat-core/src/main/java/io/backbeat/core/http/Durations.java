package io.backbeat.core.http;

import java.time.Duration;

/** Durations as people read them in messages: {@code 300 ms}, {@code 15 s}. */
final class Durations {
  private Durations() {}

  static String human(Duration d) {
    return d.toMillis() < 1000 || d.toMillis() % 1000 != 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
  }
}
