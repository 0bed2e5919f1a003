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
    float[] env = new float[x.length];
    accumulate(x, env, floor);
    double peak = 0;
    for (float v : env) {
      peak = Math.max(peak, v);
    }
    return peak;
  }

  /**
   * Per-sample peak envelope over both channels: the largest absolute value among sample {@code
   * i} and the three interpolated points after it. Exact wherever the envelope reaches {@code
   * floor}; below it, the plain sample value may stand.
   */
  public static float[] envelope(float[] left, float[] right, double floor) {
    float[] env = new float[left.length];
    accumulate(left, env, floor);
    accumulate(right, env, floor);
    return env;
  }

  private static void accumulate(float[] x, float[] env, double floor) {
    int n = x.length;
    int half = TAPS / 2;
    for (int i = 0; i < n; i++) {
      float a = Math.abs(x[i]);
      if (a > env[i]) {
        env[i] = a;
      }
    }
    // Peak of |x| per block of TAPS samples: a window of TAPS samples spans at most two blocks.
    int blocks = (n + TAPS - 1) / TAPS;
    float[] blockMax = new float[blocks];
    for (int i = 0; i < n; i++) {
      float a = Math.abs(x[i]);
      if (a > blockMax[i / TAPS]) {
        blockMax[i / TAPS] = a;
      }
    }
    float threshold = (float) (floor / GAIN_BOUND);
    float[] k1 = KERNEL[1];
    float[] k2 = KERNEL[2];
    float[] k3 = KERNEL[3];
    for (int i = 0; i < n; i++) {
      int start = i - (half - 1);
      if (floor > 0) {
        int b0 = Math.max(0, start) / TAPS;
        int b1 = Math.min(n - 1, start + TAPS - 1) / TAPS;
        if (Math.max(blockMax[b0], blockMax[b1]) < threshold) {
          continue;
        }
      }
      float p1 = 0, p2 = 0, p3 = 0;
      if (start >= 0 && start + TAPS <= n) {
        for (int t = 0; t < TAPS; t++) {
          float v = x[start + t];
          p1 += k1[t] * v;
          p2 += k2[t] * v;
          p3 += k3[t] * v;
        }
      } else {
        for (int t = 0; t < TAPS; t++) {
          int j = start + t;
          if (j >= 0 && j < n) {
            float v = x[j];
            p1 += k1[t] * v;
            p2 += k2[t] * v;
            p3 += k3[t] * v;
          }
        }
      }
      float m = Math.max(Math.abs(p1), Math.max(Math.abs(p2), Math.abs(p3)));
      if (m > env[i]) {
        env[i] = m;
      }
    }
  }
}
