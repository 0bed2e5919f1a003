package io.backbeat.engine.voice;

/**
 * Band-limited resampling by any ratio for upsampling (windowed sinc, 24 taps, a table of 512
 * fractional phases linearly interpolated): the diphone voice's 16 kHz (times the formant scale)
 * to the studio's 44.1 kHz without images above the input's Nyquist frequency.
 */
final class Resampler {
  private static final int HALF = 12;
  private static final int PHASES = 512;
  private static final double CUTOFF = 0.94; // of the input's Nyquist frequency
  private static final float[][] TABLE = table();

  private Resampler() {}

  private static float[][] table() {
    float[][] t = new float[PHASES + 1][2 * HALF];
    for (int p = 0; p <= PHASES; p++) {
      double frac = p / (double) PHASES;
      for (int k = 0; k < 2 * HALF; k++) {
        double x = k - (HALF - 1) - frac; // tap position relative to the output point
        double sinc = x == 0 ? 1 : Math.sin(Math.PI * CUTOFF * x) / (Math.PI * CUTOFF * x);
        double w = 0.42 + 0.5 * Math.cos(Math.PI * x / HALF) + 0.08 * Math.cos(2 * Math.PI * x / HALF);
        t[p][k] = (float) (CUTOFF * sinc * (Math.abs(x) < HALF ? w : 0));
      }
    }
    return t;
  }

  /**
   * Adds {@code in} (at {@code inRate}, scaled by {@code gain}) into {@code out} (at
   * {@code outRate}) starting at output frame {@code offset}; frames beyond {@code out} are dropped.
   */
  static void addUpsampled(short[] in, double inRate, float gain, float[] out, int offset, int outRate) {
    double step = inRate / outRate;
    int frames = (int) Math.floor((in.length - 1) / step);
    float scale = gain / 32768f;
    float[] samples = new float[in.length]; // shorts as floats once, not per tap (exact)
    for (int i = 0; i < in.length; i++) {
      samples[i] = in[i];
    }
    int taps = 2 * HALF;
    for (int j = Math.max(0, -offset); j < frames && offset + j < out.length; j++) {
      double x = j * step;
      int i0 = (int) x;
      double phase = (x - i0) * PHASES;
      int p = (int) phase;
      float f = (float) (phase - p);
      float[] a = TABLE[p];
      float[] b = TABLE[p + 1];
      float sum = 0;
      int base = i0 - (HALF - 1);
      if (base >= 0 && base + taps <= samples.length) {
        // Inside the input (all but the first and last few frames): no bounds test per tap.
        for (int k = 0; k < taps; k++) {
          sum += samples[base + k] * (a[k] + f * (b[k] - a[k]));
        }
      } else {
        for (int k = 0; k < taps; k++) {
          int i = base + k;
          if (i >= 0 && i < samples.length) {
            sum += samples[i] * (a[k] + f * (b[k] - a[k]));
          }
        }
      }
      out[offset + j] += sum * scale;
    }
  }
}
