package io.backbeat.engine.source;

import java.io.IOException;

/** The audio is longer than allowed; found while reading its header or while decoding it. */
public final class AudioTooLongException extends IOException {
  private final double seconds;
  private final double maxSeconds;

  public AudioTooLongException(double seconds, double maxSeconds, boolean atLeast) {
    super("the audio is " + (atLeast ? "longer than " : "") + format(seconds) + " s long; at most " + format(maxSeconds) + " s are allowed");
    this.seconds = seconds;
    this.maxSeconds = maxSeconds;
  }

  /** How long the audio is (or, when decoding stopped at the limit, at least). */
  public double seconds() {
    return seconds;
  }

  public double maxSeconds() {
    return maxSeconds;
  }

  private static String format(double s) {
    return String.format(java.util.Locale.ROOT, "%.1f", s);
  }
}
