package io.backbeat.engine.analysis;

/**
 * Pitch-class energy over time: 4096-point spectra (a 2.7 Hz resolution at 11,025 Hz) every 1024
 * samples, each bin between 55 Hz and 2 kHz folded onto its nearest semitone (weighted down the
 * further it lies from the semitone's centre), and each frame's overall energy.
 */
final class Chroma {
  static final int FFT = 4096;
  static final int HOP = 1024;
  private static final double LOW_HZ = 55;
  private static final double HIGH_HZ = 2000;

  /** One row of 12 pitch-class energies per frame; frame {@code f} is centred at {@link #centre}. */
  final double[][] frames;
  final double[] energy;
  final int rate;

  private Chroma(double[][] frames, double[] energy, int rate) {
    this.frames = frames;
    this.energy = energy;
    this.rate = rate;
  }

  double centre(int frame) {
    return (frame * HOP + FFT / 2.0) / rate;
  }

  /** The frame whose centre is nearest to {@code seconds}. */
  int frameAt(double seconds) {
    return (int) Math.max(0, Math.min(frames.length - 1, Math.round((seconds * rate - FFT / 2.0) / HOP)));
  }

  static Chroma of(float[] mono, int rate) {
    int count = mono.length < FFT ? (mono.length > 0 ? 1 : 0) : (mono.length - FFT) / HOP + 1;
    double[][] frames = new double[count][12];
    double[] energy = new double[count];
    double[] window = new double[FFT];
    for (int i = 0; i < FFT; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT);
    }
    int lowBin = (int) Math.ceil(LOW_HZ * FFT / rate);
    int highBin = Math.min(FFT / 2 - 1, (int) Math.floor(HIGH_HZ * FFT / rate));
    int[] pitchClass = new int[FFT / 2];
    double[] weight = new double[FFT / 2];
    for (int b = lowBin; b <= highBin; b++) {
      double midi = 69 + 12 * Math.log(b * rate / (double) FFT / 440) / Math.log(2);
      double nearest = Math.rint(midi);
      double off = midi - nearest;
      pitchClass[b] = Math.floorMod((int) nearest, 12);
      weight[b] = Math.exp(-0.5 * (off / 0.25) * (off / 0.25));
    }
    Fft fft = new Fft(FFT);
    double[] re = new double[FFT];
    double[] im = new double[FFT];
    for (int f = 0; f < count; f++) {
      int start = f * HOP;
      for (int i = 0; i < FFT; i++) {
        int at = start + i;
        re[i] = at < mono.length ? mono[at] * window[i] : 0;
        im[i] = 0;
      }
      fft.transform(re, im);
      double total = 0;
      for (int b = lowBin; b <= highBin; b++) {
        double magnitude = Math.sqrt(re[b] * re[b] + im[b] * im[b]);
        frames[f][pitchClass[b]] += magnitude * weight[b];
        total += magnitude * magnitude;
      }
      energy[f] = total;
    }
    return new Chroma(frames, energy, rate);
  }

  /** The mean chroma of frames whose centres fall in {@code [from, to)} seconds, normalised to sum 1. */
  double[] mean(double from, double to) {
    double[] sum = new double[12];
    int first = Math.max(0, (int) Math.ceil((from * rate - FFT / 2.0) / HOP));
    for (int f = first; f < frames.length && centre(f) < to; f++) {
      for (int pc = 0; pc < 12; pc++) {
        sum[pc] += frames[f][pc];
      }
    }
    return normalised(sum);
  }

  static double[] normalised(double[] chroma) {
    double total = 0;
    for (double v : chroma) {
      total += v;
    }
    double[] out = new double[12];
    if (total <= 0) {
      return out;
    }
    for (int pc = 0; pc < 12; pc++) {
      out[pc] = chroma[pc] / total;
    }
    return out;
  }

  static double cosine(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return aa <= 0 || bb <= 0 ? 0 : ab / Math.sqrt(aa * bb);
  }
}
