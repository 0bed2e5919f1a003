package io.backbeat.engine.analysis;

/**
 * ITU-R BS.1770-4 / EBU R128 integrated loudness: K-weighting (high-shelf pre-filter and RLB
 * high-pass, coefficients derived for any sample rate as libebur128 does), 400 ms blocks with 75%
 * overlap, absolute gate −70 LUFS, relative gate −10 LU. Channels are weighted 1.0 (mono/stereo).
 */
public final class LoudnessMeter {
  /** Returned for digital silence (every block below the absolute gate). */
  public static final double SILENCE = -200;

  private LoudnessMeter() {}

  public static Loudness measure(float[][] channels, int sampleRate) {
    return new Loudness(integrated(channels, sampleRate), TruePeak.dbtp(channels, sampleRate),
        samplePeakDb(channels));
  }

  /** Integrated loudness in LUFS. */
  public static double integrated(float[][] channels, int sampleRate) {
    return gate(segmentEnergies(channels, sampleRate, null), sampleRate / 10);
  }

  /**
   * Integrated loudness of {@code channels × gain[i]} without building that signal: the gain is
   * applied after K-weighting. Exact for a constant gain; for a limiter's smooth gain curve the
   * error is far below a tenth of a dB, because 400 ms blocks average over its movements.
   */
  public static double integratedWithGain(float[][] channels, int sampleRate, float[] gain) {
    return gate(segmentEnergies(channels, sampleRate, gain), sampleRate / 10);
  }

  /** K-weighted energy per 100 ms segment, summed over channels (weights 1.0). */
  private static double[] segmentEnergies(float[][] channels, int sampleRate, float[] gain) {
    int segment = sampleRate / 10;
    int segments = channels[0].length / segment;
    double[] energy = new double[segments];
    Biquad shelf = shelf(sampleRate);
    Biquad highPass = highPass(sampleRate);
    for (float[] x : channels) {
      // Both biquads in one pass, no intermediate signal; state flushed below denormal range.
      double sx1 = 0, sx2 = 0, sy1 = 0, sy2 = 0;
      double hy1 = 0, hy2 = 0;
      int i = 0;
      for (int s = 0; s < segments; s++) {
        double sum = 0;
        for (int end = i + segment; i < end; i++) {
          double in = x[i];
          double y = shelf.b0() * in + shelf.b1() * sx1 + shelf.b2() * sx2 - shelf.a1() * sy1 - shelf.a2() * sy2;
          if (Math.abs(y) < Biquad.DENORMAL) {
            y = 0;
          }
          sx2 = sx1;
          sx1 = in;
          double k = y - 2 * sy1 + sy2 - highPass.a1() * hy1 - highPass.a2() * hy2;
          if (Math.abs(k) < Biquad.DENORMAL) {
            k = 0;
          }
          sy2 = sy1;
          sy1 = y;
          hy2 = hy1;
          hy1 = k;
          if (gain != null) {
            k *= gain[i];
          }
          sum += k * k;
        }
        energy[s] += sum;
      }
    }
    return energy;
  }

  private static double gate(double[] energy, int segment) {
    int segments = energy.length;
    if (segments < 4) {
      return SILENCE;
    }
    int blocks = segments - 3;
    double[] blockPower = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      blockPower[b] = (energy[b] + energy[b + 1] + energy[b + 2] + energy[b + 3]) / (4.0 * segment);
    }
    double absGate = powerOf(-70);
    double sum = 0;
    int count = 0;
    for (double p : blockPower) {
      if (p > absGate) {
        sum += p;
        count++;
      }
    }
    if (count == 0) {
      return SILENCE;
    }
    double relGate = sum / count * Math.pow(10, -10 / 10.0);
    double gated = 0;
    int gatedCount = 0;
    for (double p : blockPower) {
      if (p > absGate && p > relGate) {
        gated += p;
        gatedCount++;
      }
    }
    return loudnessOf(gated / gatedCount);
  }

  static double loudnessOf(double meanSquare) {
    return -0.691 + 10 * Math.log10(meanSquare);
  }

  private static double powerOf(double lufs) {
    return Math.pow(10, (lufs + 0.691) / 10);
  }

  /** The K-weighted signal of one channel. */
  static double[] kWeight(float[] channel, int sampleRate) {
    double[] out = shelf(sampleRate).filter(channel);
    highPass(sampleRate).filterInPlace(out);
    return out;
  }

  static Biquad shelf(int fs) {
    double f0 = 1681.974450955533;
    double g = 3.999843853973347;
    double q = 0.7071752369554196;
    double k = Math.tan(Math.PI * f0 / fs);
    double vh = Math.pow(10, g / 20);
    double vb = Math.pow(vh, 0.4996667741545416);
    double a0 = 1 + k / q + k * k;
    return new Biquad((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0,
        (vh - vb * k / q + k * k) / a0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
  }

  static Biquad highPass(int fs) {
    double f0 = 38.13547087602444;
    double q = 0.5003270373238773;
    double k = Math.tan(Math.PI * f0 / fs);
    double a0 = 1 + k / q + k * k;
    return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
  }

  public static double samplePeakDb(float[][] channels) {
    float peak = 0;
    for (float[] c : channels) {
      for (float v : c) {
        peak = Math.max(peak, Math.abs(v));
      }
    }
    return peak == 0 ? SILENCE : 20 * Math.log10(peak);
  }
}
