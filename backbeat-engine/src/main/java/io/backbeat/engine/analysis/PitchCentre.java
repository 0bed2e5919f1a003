package io.backbeat.engine.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a melody sits: the median pitch of its voiced frames, by YIN (the cumulative mean normalised
 * difference; de Cheveigné and Kawahara 2002) on 93 ms frames between 70 Hz and 1 kHz. At most
 * {@value #MAX_FRAMES} frames are read, spread evenly over the recording, which keeps 8 minutes
 * under half a second.
 */
final class PitchCentre {
  private static final int WINDOW = 1024;
  private static final int MAX_FRAMES = 1500;
  private static final double THRESHOLD = 0.15;
  private static final double MIN_HZ = 70;
  private static final double MAX_HZ = 1000;

  /** @param midi the median pitch (NaN when under a tenth of the loud frames are voiced) */
  record Result(double midi, double voicedShare) {}

  private PitchCentre() {}

  static Result of(float[] mono, int rate) {
    int minLag = (int) Math.floor(rate / MAX_HZ);
    int maxLag = (int) Math.ceil(rate / MIN_HZ);
    int span = WINDOW + maxLag + 1;
    if (mono.length < span) {
      return new Result(Double.NaN, 0);
    }
    int available = (mono.length - span) / (WINDOW / 2) + 1;
    int frames = Math.min(available, MAX_FRAMES);
    double step = available / (double) frames;
    double[] rms = new double[frames];
    double loudest = 0;
    for (int f = 0; f < frames; f++) {
      int start = (int) (f * step) * (WINDOW / 2);
      double e = 0;
      for (int i = start; i < start + WINDOW; i++) {
        e += mono[i] * (double) mono[i];
      }
      rms[f] = Math.sqrt(e / WINDOW);
      loudest = Math.max(loudest, rms[f]);
    }
    double floor = Math.max(loudest * 0.01, 3e-4); // 40 dB under the loudest frame, and above -70 dBFS
    List<Double> pitches = new ArrayList<>();
    int loud = 0;
    double[] d = new double[maxLag + 1];
    for (int f = 0; f < frames; f++) {
      if (rms[f] < floor) {
        continue;
      }
      loud++;
      int start = (int) (f * step) * (WINDOW / 2);
      for (int lag = 1; lag <= maxLag; lag++) {
        double s = 0;
        for (int i = start; i < start + WINDOW; i++) {
          double diff = mono[i] - mono[i + lag];
          s += diff * diff;
        }
        d[lag] = s;
      }
      // cumulative mean normalised difference
      double running = 0;
      int chosen = -1;
      double[] cmnd = new double[maxLag + 1];
      cmnd[0] = 1;
      for (int lag = 1; lag <= maxLag; lag++) {
        running += d[lag];
        cmnd[lag] = running <= 0 ? 1 : d[lag] * lag / running;
      }
      for (int lag = minLag; lag <= maxLag; lag++) {
        if (cmnd[lag] < THRESHOLD) {
          while (lag + 1 <= maxLag && cmnd[lag + 1] < cmnd[lag]) {
            lag++;
          }
          chosen = lag;
          break;
        }
      }
      if (chosen < 0) {
        continue;
      }
      double refined = chosen;
      if (chosen > 1 && chosen < maxLag) {
        double a = cmnd[chosen - 1];
        double b = cmnd[chosen];
        double c = cmnd[chosen + 1];
        double denominator = a - 2 * b + c;
        if (Math.abs(denominator) > 1e-12) {
          refined = chosen + 0.5 * (a - c) / denominator;
        }
      }
      double hz = rate / refined;
      pitches.add(69 + 12 * Math.log(hz / 440) / Math.log(2));
    }
    if (loud == 0 || pitches.size() < Math.max(3, loud / 10)) {
      return new Result(Double.NaN, loud == 0 ? 0 : pitches.size() / (double) loud);
    }
    pitches.sort(Double::compare);
    double median = pitches.get(pitches.size() / 2);
    return new Result(Math.round(median * 100) / 100.0, pitches.size() / (double) loud);
  }
}
