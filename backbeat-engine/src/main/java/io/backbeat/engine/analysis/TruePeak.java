package io.backbeat.engine.analysis;

/**
 * True peak per ITU-R BS.1770-4 Annex 2: the signal is 4× oversampled with a windowed-sinc
 * interpolator and the largest absolute value is taken. Phase 0 is the sample itself, so only the
 * three in-between phases are computed.
 */
public final class TruePeak {
  private static final int PHASES = 4;
  private static final int TAPS = 16; // per phase; 64-tap prototype
  private static final float[][] KERNEL = kernel();

  private TruePeak() {}

  private static float[][] kernel() {
    float[][] k = new float[PHASES][TAPS];
    int half = TAPS / 2;
    double beta = 7.0;
    for (int p = 1; p < PHASES; p++) {
      double frac = p / (double) PHASES;
      double sum = 0;
      for (int t = 0; t < TAPS; t++) {
        double x = t - (half - 1) - frac; // distance from the interpolated point
        double sinc = Math.sin(Math.PI * x) / (Math.PI * x);
        double w = bessel0(beta * Math.sqrt(1 - Math.pow(x / (half + 0.5), 2))) / bessel0(beta);
        k[p][t] = (float) (sinc * w);
        sum += k[p][t];
      }
      for (int t = 0; t < TAPS; t++) {
        k[p][t] /= (float) sum; // unity DC gain per phase
      }
    }
    return k;
  }

  private static double bessel0(double x) {
    double sum = 1, term = 1;
    for (int k = 1; k < 30; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
    }
    return sum;
  }

  /** The sum of absolute kernel taps: no interpolated point exceeds this times the window's peak. */
  private static final double GAIN_BOUND = gainBound();

  private static double gainBound() {
    double bound = 1;
    for (int p = 1; p < PHASES; p++) {
      double sum = 0;
      for (float k : KERNEL[p]) {
        sum += Math.abs(k);
      }
      bound = Math.max(bound, sum);
    }
    return bound;
  }

  /** True peak in dBTP over all channels. */
  public static double dbtp(float[][] channels, int sampleRate) {
    double peak = 0;
    for (float[] c : channels) {
      peak = Math.max(peak, linear(c, 0));
    }
    return peak == 0 ? LoudnessMeter.SILENCE : 20 * Math.log10(peak);
  }

  /**
   * Largest absolute oversampled value of one channel, exact whenever it is at least {@code floor}
   * (a linear amplitude): interpolation is skipped where the kernel's gain bound proves no point
   * can reach the floor. Pass 0 for the exact true peak.
   */
  public static double linear(float[] x, double floor) {
    float[] peak = new float[1];
    peaks(x, floor, (from, values, count) -> {
      float m = peak[0];
      for (int i = 0; i < count; i++) {
        m = Math.max(m, values[i]);
      }
      peak[0] = m;
    });
    return peak[0];
  }

  /**
   * Per-sample peak envelope over both channels: the largest absolute value among sample {@code
   * i} and the three interpolated points after it. Exact wherever the envelope reaches {@code
   * floor}; below it, the plain sample value may stand.
   */
  public static float[] envelope(float[] left, float[] right, double floor) {
    float[] env = new float[left.length];
    peaks(left, floor, (from, values, count) -> System.arraycopy(values, 0, env, from, count));
    peaks(right, floor, (from, values, count) -> {
      for (int i = 0; i < count; i++) {
        env[from + i] = Math.max(env[from + i], values[i]);
      }
    });
    return env;
  }

  /** Receives per-sample peaks (absolute values) for samples from..from+count. */
  private interface Sink {
    void accept(int from, float[] peaks, int count);
  }

  private static final int BLOCK = 512;

  /**
   * Feeds, block by block, each sample's peak: the largest absolute value of the sample and the
   * three interpolated points after it, or just the sample where the block cannot reach the
   * floor. The filter runs tap by tap over a whole block: each tap's input window is copied to a
   * scratch array first, so every array in the multiply-add loop is read and written at the same
   * index, which is what lets the JIT vectorise it (with an offset it must assume the arrays may
   * overlap). Taps are summed in the same order as a per-point loop would, so the values are the
   * same.
   */
  private static void peaks(float[] x, double floor, Sink sink) {
    int n = x.length;
    int half = TAPS / 2;
    float[] window = new float[BLOCK];
    float[] peak = new float[BLOCK];
    float[] p1 = new float[BLOCK];
    float[] p2 = new float[BLOCK];
    float[] p3 = new float[BLOCK];
    float threshold = (float) (floor / GAIN_BOUND);
    for (int from = 0; from < n; from += BLOCK) {
      int count = Math.min(BLOCK, n - from);
      System.arraycopy(x, from, window, 0, count);
      for (int j = 0; j < count; j++) {
        peak[j] = Math.abs(window[j]);
      }
      boolean quiet = false;
      if (floor > 0) {
        float m = 0;
        for (int i = Math.max(0, from - (half - 1)); i < Math.min(n, from + count + half); i++) {
          m = Math.max(m, Math.abs(x[i]));
        }
        quiet = m < threshold; // no point in this block can reach the floor
      }
      if (!quiet) {
        java.util.Arrays.fill(p1, 0f);
        java.util.Arrays.fill(p2, 0f);
        java.util.Arrays.fill(p3, 0f);
        for (int t = 0; t < TAPS; t++) {
          int offset = from - (half - 1) + t; // x index feeding point i = from + j is offset + j
          if (offset >= 0 && offset + count <= n) {
            System.arraycopy(x, offset, window, 0, count);
          } else {
            for (int j = 0; j < count; j++) {
              int at = offset + j;
              window[j] = at >= 0 && at < n ? x[at] : 0f;
            }
          }
          accumulate(window, count, KERNEL[1][t], KERNEL[2][t], KERNEL[3][t], p1, p2, p3);
        }
        for (int j = 0; j < count; j++) {
          peak[j] = Math.max(peak[j], Math.max(Math.abs(p1[j]), Math.max(Math.abs(p2[j]), Math.abs(p3[j]))));
        }
      }
      sink.accept(from, peak, count);
    }
  }

  private static void accumulate(float[] window, int count, float c1, float c2, float c3,
      float[] p1, float[] p2, float[] p3) {
    for (int j = 0; j < count; j++) {
      float v = window[j];
      p1[j] += c1 * v;
      p2[j] += c2 * v;
      p3[j] += c3 * v;
    }
  }
}
