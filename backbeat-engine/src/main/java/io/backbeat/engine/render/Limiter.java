package io.backbeat.engine.render;

import io.backbeat.engine.analysis.TruePeak;

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
   * The envelope's peak over each sample's look-ahead window ({@code max(envelope[i .. i +
   * lookahead])}), computed in the envelope's own array. The gain a sample needs falls as its peak
   * rises, so the sliding minimum of the required gain is the gain the sliding maximum needs:
   * computed once, it serves every pass.
   */
  float[] peakAhead(float[] envelope) {
    slidingMaxAhead(envelope, lookahead); // in place: the envelope itself is not needed again
    return envelope;
  }

  /**
   * Fills {@code gain} with the curve (makeup × limiting) that keeps {@code gain[i] × envelope}
   * under {@code ceiling}, given the envelope's {@link #peakAhead} (the envelope is the input's
   * true-peak envelope, {@link TruePeak#envelope}). {@code gain} is reused across passes (every
   * step works in place: a 3-minute curve is 30 MB).
   */
  void gainCurve(float[] peakAhead, double makeup, double ceiling, float[] gain) {
    int n = peakAhead.length;
    for (int i = 0; i < n; i++) {
      double peak = peakAhead[i] * makeup;
      gain[i] = peak > ceiling ? (float) (ceiling / peak) : 1f;
    }
    // Moving average over w values; the ring keeps the last w minima as they are overwritten.
    // Then the release, in the same pass.
    int w = lookahead + 1;
    float[] ring = new float[w];
    float first = n > 0 ? gain[0] : 1f;
    double sum = 0;
    double g = 1;
    for (int i = 0; i < n; i++) {
      float v = gain[i];
      sum += v;
      int slot = i % w;
      if (i >= w) {
        sum -= ring[slot];
      }
      ring[slot] = v;
      int count = Math.min(i + 1, w);
      // Before the window fills, pad with the first minimum: it covers every early peak too.
      double target = (float) ((sum + (w - count) * (double) first) / w);
      g = target < g ? target : target + (g - target) * releaseCoefficient;
      gain[i] = (float) (g * makeup);
    }
  }

  /**
   * x[i] = max(x[i .. i + window]), in place: a monotonic deque of (index, value) pairs in
   * primitive ring buffers, scanned backwards (values are kept because x is overwritten).
   */
  static void slidingMaxAhead(float[] x, int window) {
    int n = x.length;
    int capacity = window + 2;
    int[] index = new int[capacity];
    float[] value = new float[capacity];
    int head = 0; // the front: the maximum, at the largest index still in the window
    int size = 0;
    for (int i = n - 1; i >= 0; i--) {
      float v = x[i];
      while (size > 0 && value[(head + size - 1) % capacity] <= v) {
        size--;
      }
      int tail = (head + size) % capacity;
      index[tail] = i;
      value[tail] = v;
      size++;
      while (index[head] > i + window) {
        head = (head + 1) % capacity;
        size--;
      }
      x[i] = value[head];
    }
  }
}
