package io.backbeat.engine.voice;

import io.backbeat.engine.compose.Groove;
import io.backbeat.engine.compose.SungSyllable;
import java.util.List;

/**
 * Shapes the rendered vocal stem with the formants of each syllable's vowel: three resonant
 * band-passes whose centres glide from vowel to vowel (~40 ms), blended with some of the dry
 * patch. Turns a GM "oohs" into something that says "ah", "ee", "oh" in time with the lyrics.
 */
public final class VowelFilter {
  private static final int CONTROL = 64; // samples between coefficient updates
  private static final double[] BANDWIDTH = {90, 110, 150};
  private static final double[] GAIN = {1.0, 0.7, 0.4};
  private static final double DRY = 0.35;
  private static final double GLIDE_SECONDS = 0.04;

  private VowelFilter() {}

  /** Filters the stem's channels in place. */
  public static void apply(float[] left, float[] right, List<SungSyllable> syllables, Groove groove,
      boolean female, int sampleRate) {
    if (syllables.isEmpty()) {
      return;
    }
    int n = left.length;
    double scale = female ? 1.17 : 1.0;
    double[][] target = new double[3][n / CONTROL + 1];
    // Control-rate formant tracks: each syllable's vowel from its onset until the next one.
    int next = 0;
    Vowel current = Vowel.of(syllables.get(0).text());
    for (int block = 0; block < target[0].length; block++) {
      double t = block * CONTROL / (double) sampleRate;
      while (next < syllables.size() && groove.seconds(syllables.get(next).beat()) <= t) {
        current = Vowel.of(syllables.get(next).text());
        next++;
      }
      for (int k = 0; k < 3; k++) {
        target[k][block] = current.formant(k) * scale;
      }
    }
    double glide = Math.exp(-CONTROL / (GLIDE_SECONDS * sampleRate));
    double[] freq = {target[0][0], target[1][0], target[2][0]};
    double[][] coefficients = new double[3][5];
    double[][] state = new double[3][4];
    for (int block = 0; block * CONTROL < n; block++) {
      for (int k = 0; k < 3; k++) {
        freq[k] = target[k][block] + (freq[k] - target[k][block]) * glide;
        bandPass(freq[k], freq[k] / BANDWIDTH[k] * (female ? 0.9 : 1.0), sampleRate, coefficients[k]);
      }
      int end = Math.min(n, (block + 1) * CONTROL);
      for (int i = block * CONTROL; i < end; i++) {
        double x = 0.5 * (left[i] + right[i]);
        double y = DRY * x;
        for (int k = 0; k < 3; k++) {
          double[] c = coefficients[k];
          double[] st = state[k];
          double v = c[0] * x + c[1] * st[0] + c[2] * st[1] - c[3] * st[2] - c[4] * st[3];
          if (Math.abs(v) < 1e-25) {
            v = 0; // keep silent passages out of denormal arithmetic
          }
          st[1] = st[0];
          st[0] = x;
          st[3] = st[2];
          st[2] = v;
          y += GAIN[k] * v;
        }
        left[i] = (float) y;
        right[i] = (float) y;
      }
    }
  }

  /** RBJ band-pass (0 dB peak) into {b0, b1, b2, a1, a2}, normalised by a0. */
  private static void bandPass(double frequency, double q, int sampleRate, double[] out) {
    double w0 = 2 * Math.PI * Math.min(frequency, sampleRate * 0.45) / sampleRate;
    double alpha = Math.sin(w0) / (2 * q);
    double a0 = 1 + alpha;
    out[0] = alpha / a0;
    out[1] = 0;
    out[2] = -alpha / a0;
    out[3] = -2 * Math.cos(w0) / a0;
    out[4] = (1 - alpha) / a0;
  }
}
