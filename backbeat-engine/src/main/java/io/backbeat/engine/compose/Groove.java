package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Tempo;

/**
 * Maps straight beats to played time: swing delays every second subdivision (16ths, or 8ths in
 * jazz) by {@code swing} of a subdivision pair, linearly inside each pair so notes keep order.
 *
 * @param offsetSeconds when beat 0 sounds: 0 for composed songs; the first downbeat of an upload
 *     for parts played over it
 */
public record Groove(Tempo tempo, double swing, boolean eighths, double offsetSeconds) {
  public Groove {
    if (!(offsetSeconds >= 0)) {
      throw new IllegalArgumentException("offsetSeconds must not be negative: " + offsetSeconds);
    }
  }

  public Groove(Tempo tempo, double swing, boolean eighths) {
    this(tempo, swing, eighths, 0);
  }

  public double seconds(double beat) {
    return offsetSeconds + tempo.seconds(swungBeat(beat));
  }

  public double swungBeat(double beat) {
    if (swing <= 0) {
      return beat;
    }
    double pair = eighths ? 1.0 : 0.5;
    double base = Math.floor(beat / pair) * pair;
    double x = (beat - base) / pair; // 0..1 inside the pair
    double mid = 0.5 + swing * 0.5; // where the off-beat lands
    double y = x < 0.5 ? x / 0.5 * mid : mid + (x - 0.5) / 0.5 * (1 - mid);
    return base + y * pair;
  }
}
