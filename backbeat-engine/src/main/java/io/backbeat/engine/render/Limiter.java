package io.backbeat.engine.render;

import io.backbeat.engine.analysis.TruePeak;
import java.util.ArrayDeque;

/**
 * An offline look-ahead peak limiter working on the true-peak envelope. The gain curve is the
 * sliding minimum of the required gain over the look-ahead window, smoothed by a moving average of
 * the same length (so the gain is already down when a peak arrives) and released exponentially.
 * Because every step only lowers or averages gains that were each low enough, no sample or
 * interpolated point ends above the ceiling.
 */
final class Limiter {
  private final int lookahead;
  private final double releaseCoefficient;

  Limiter(int sampleRate, double lookaheadMs, double releaseMs) {
    this.lookahead = Math.max(1, (int) Math.round(sampleRate * lookaheadMs / 1000));
    this.releaseCoefficient = Math.exp(-1.0 / (sampleRate * releaseMs / 1000));
  }

  /**
   * The gain curve (makeup × limiting) that keeps {@code gain[i] × envelope} under {@code ceiling}.
   * The envelope is the input's true-peak envelope ({@link TruePeak#envelope}), computed once for
   * all passes.
   */
  float[] gainCurve(float[] envelope, double makeup, double ceiling) {
    int n = envelope.length;
    float[] required = new float[n];
    for (int i = 0; i < n; i++) {
      double peak = envelope[i] * makeup;
      required[i] = peak > ceiling ? (float) (ceiling / peak) : 1f;
    }
    float[] minAhead = slidingMinAhead(required, lookahead);
    float[] gain = new float[n];
    double sum = 0;
    int w = lookahead + 1;
    for (int i = 0; i < n; i++) {
      sum += minAhead[i];
      if (i >= w) {
        sum -= minAhead[i - w];
      }
      int count = Math.min(i + 1, w);
      // Before the window fills, pad with the first minimum: it covers every early peak too.
      gain[i] = (float) ((sum + (w - count) * (double) minAhead[0]) / w);
    }
    double g = 1;
    for (int i = 0; i < n; i++) {
      double target = gain[i];
      g = target < g ? target : target + (g - target) * releaseCoefficient;
      gain[i] = (float) (g * makeup);
    }
    return gain;
  }

  /** out[i] = min(x[i .. i + window]). */
  private static float[] slidingMinAhead(float[] x, int window) {
    int n = x.length;
    float[] out = new float[n];
    ArrayDeque<Integer> deque = new ArrayDeque<>();
    for (int i = n - 1; i >= 0; i--) {
      while (!deque.isEmpty() && x[deque.peekLast()] >= x[i]) {
        deque.pollLast();
      }
      deque.addLast(i);
      while (deque.peekFirst() > i + window) {
        deque.pollFirst();
      }
      out[i] = x[deque.peekFirst()];
    }
    return out;
  }
}
