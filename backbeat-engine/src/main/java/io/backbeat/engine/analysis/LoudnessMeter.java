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
    double[] energy = new double[channels[0].length / (sampleRate / 10)];
    for (float[] x : channels) {
      kWeight(x, null, sampleRate, energy, null);
    }
    return gate(energy, sampleRate / 10);
  }

  /**
   * Integrated loudness of the mid signal {@code (left + right) / 2} without building it: the
   * mixer balances stems on this mono fold (half the cost, one scale for every stem).
   */
  public static double integratedMid(float[] left, float[] right, int sampleRate) {
    double[] energy = new double[left.length / (sampleRate / 10)];
    kWeight(left, right, sampleRate, energy, null);
    return gate(energy, sampleRate / 10);
  }

  /**
   * K-weighted power per sample, summed over channels. Mastering measures it once and then reads
   * the loudness under each trial gain curve with {@link #integratedWithGain(float[], int,
   * float[])} for one multiply per sample, instead of filtering the song again per trial.
   */
  public static float[] kWeightedPower(float[][] channels, int sampleRate) {
    float[] power = new float[channels[0].length];
    if (channels.length == 2) {
      new KWeighting(sampleRate).power(channels[0], channels[1], power.length, power);
      return power;
    }
    for (float[] x : channels) {
      kWeight(x, null, sampleRate, null, power);
    }
    return power;
  }

  /**
   * Integrated loudness of a signal scaled by {@code gain[i]} (null: unity), given its
   * {@link #kWeightedPower}. The gain applies after K-weighting: exact for a constant gain; for a
   * limiter's smooth gain curve the error is far below a tenth of a dB, because 400 ms blocks
   * average over its movements.
   */
  public static double integratedWithGain(float[] power, int sampleRate, float[] gain) {
    int segment = sampleRate / 10;
    double[] energy = new double[power.length / segment];
    int i = 0;
    for (int s = 0; s < energy.length; s++) {
      double sum = 0;
      if (gain == null) {
        for (int end = i + segment; i < end; i++) {
          sum += power[i];
        }
      } else {
        for (int end = i + segment; i < end; i++) {
          double g = gain[i];
          sum += g * g * power[i];
        }
      }
      energy[s] = sum;
    }
    return gate(energy, segment);
  }

  /**
   * K-weights {@code x} (or the mid of {@code x} and {@code y} when {@code y} is not null) and
   * adds its energy per 100 ms segment to {@code energy} and/or its power per sample to {@code
   * power} (either may be null). Both biquads in one pass, no intermediate signal; state flushed
   * below denormal range.
   */
  private static void kWeight(float[] x, float[] y, int sampleRate, double[] energy, float[] power) {
    Biquad shelf = shelf(sampleRate);
    Biquad highPass = highPass(sampleRate);
    double b0 = shelf.b0(), b1 = shelf.b1(), b2 = shelf.b2(), a1 = shelf.a1(), a2 = shelf.a2();
    double ha1 = highPass.a1(), ha2 = highPass.a2();
    int segment = sampleRate / 10;
    // Energy needs whole segments only; power covers every sample.
    int n = power != null ? x.length : energy.length * segment;
    double sx1 = 0, sx2 = 0, sy1 = 0, sy2 = 0;
    double hy1 = 0, hy2 = 0;
    for (int start = 0, s = 0; start < n; start += segment, s++) {
      int end = Math.min(n, start + segment);
      double sum = 0;
      for (int i = start; i < end; i++) {
        double in = y == null ? x[i] : 0.5 * (x[i] + y[i]);
        double v = b0 * in + b1 * sx1 + b2 * sx2 - a1 * sy1 - a2 * sy2;
        if (Math.abs(v) < Biquad.DENORMAL) {
          v = 0;
        }
        sx2 = sx1;
        sx1 = in;
        double k = v - 2 * sy1 + sy2 - ha1 * hy1 - ha2 * hy2;
        if (Math.abs(k) < Biquad.DENORMAL) {
          k = 0;
        }
        sy2 = sy1;
        sy1 = v;
        hy2 = hy1;
        hy1 = k;
        double p = k * k;
        sum += p;
        if (power != null) {
          power[i] += (float) p;
        }
      }
      if (energy != null && s < energy.length) {
        energy[s] += sum;
      }
    }
  }

  static double gate(double[] energy, int segment) {
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
