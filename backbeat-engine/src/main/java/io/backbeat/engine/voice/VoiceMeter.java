package io.backbeat.engine.voice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures a sung vocal (a clip's vocal stem, mono): a YIN pitch track (de Cheveigné and Kawahara
 * 2002) on 46 ms frames every 23 ms (at 11 kHz) between 70 Hz and 1 kHz, then the register (the 10th
 * and 90th percentiles of the voiced pitches, and their median, where a new line is centred), and the
 * vibrato depth (the pitch's deviation from its own 200 ms median on held notes). The timbre follows
 * the register: a voice centred at or above middle C is given the shorter vocal tract of the female
 * voices.
 */
public final class VoiceMeter {
  private static final int WINDOW = 512;
  private static final int HOP = 256;
  private static final double THRESHOLD = 0.15;
  private static final double MIN_HZ = 70;
  private static final double MAX_HZ = 1000;

  private VoiceMeter() {}

  /** The voice of {@code mono} at {@code rate}; throws when fewer than 40 frames are voiced (no singing). */
  public static PersonaVoice measure(float[] mono, int rate) {
    // a voice needs no more than 11 kHz: averaging k samples is a low-pass good enough for YIN, and 16× less work
    int k = Math.max(1, rate / 11025);
    float[] x = new float[mono.length / k];
    for (int i = 0; i < x.length; i++) {
      float s = 0;
      for (int j = 0; j < k; j++) s += mono[i * k + j];
      x[i] = s / k;
    }
    rate = rate / k;
    mono = x;
    List<Double> track = pitchTrack(mono, rate);
    List<Double> voiced = new ArrayList<>();
    for (double p : track) {
      if (!Double.isNaN(p)) voiced.add(p);
    }
    if (voiced.size() < 40) {
      throw new IllegalArgumentException("the clip has too little singing to take a voice from (" + voiced.size() + " voiced frames)");
    }
    List<Double> sorted = new ArrayList<>(voiced);
    Collections.sort(sorted);
    double p10 = sorted.get((int) (sorted.size() * 0.10));
    double p50 = sorted.get(sorted.size() / 2);
    double p90 = sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.90)));
    int low = (int) Math.floor(p10) - 1;
    int high = Math.max(low + 12, (int) Math.ceil(p90) + 1);
    boolean female = p50 >= 60;
    VoiceTimbre base = VoiceTimbre.of(female);
    double vibrato = Math.max(5, Math.min(60, vibratoCents(track, rate)));
    return new PersonaVoice(female, low, high, base.formantScale(), round(vibrato), base.vibratoHz(), base.glideSeconds(), base.air(), round(p50));
  }

  /** Depth (± cents, peak = RMS × √2) of the wobble around the pitch's 200 ms running median, on runs of voiced frames. */
  static double vibratoCents(List<Double> track, int rate) {
    int half = Math.max(1, (int) Math.round(0.1 * rate / HOP));
    double sum = 0;
    int n = 0;
    for (int i = half; i < track.size() - half; i++) {
      List<Double> around = new ArrayList<>();
      boolean held = true;
      for (int j = i - half; j <= i + half; j++) {
        if (Double.isNaN(track.get(j))) {
          held = false;
          break;
        }
        around.add(track.get(j));
      }
      if (!held) continue;
      Collections.sort(around);
      double median = around.get(around.size() / 2);
      double cents = (track.get(i) - median) * 100;
      if (Math.abs(cents) < 70) { // beyond it the median is the neighbouring note: a note change, not vibrato
        sum += cents * cents;
        n++;
      }
    }
    return n == 0 ? 0 : Math.sqrt(sum / n) * Math.sqrt(2);
  }

  /** One pitch per hop in MIDI (fractional), NaN for unvoiced or quiet frames. */
  static List<Double> pitchTrack(float[] mono, int rate) {
    int minLag = (int) Math.floor(rate / MAX_HZ);
    int maxLag = (int) Math.ceil(rate / MIN_HZ);
    List<Double> out = new ArrayList<>();
    double loudest = 0;
    for (int start = 0; start + WINDOW + maxLag < mono.length; start += HOP) {
      loudest = Math.max(loudest, rms(mono, start));
    }
    double floor = Math.max(loudest * 0.03, 3e-4);
    double[] d = new double[maxLag + 1];
    for (int start = 0; start + WINDOW + maxLag < mono.length; start += HOP) {
      if (rms(mono, start) < floor) {
        out.add(Double.NaN);
        continue;
      }
      for (int lag = 1; lag <= maxLag; lag++) {
        double s = 0;
        for (int i = start; i < start + WINDOW; i++) {
          double diff = mono[i] - mono[i + lag];
          s += diff * diff;
        }
        d[lag] = s;
      }
      double running = 0;
      int chosen = -1;
      double[] cmnd = new double[maxLag + 1];
      for (int lag = 1; lag <= maxLag; lag++) {
        running += d[lag];
        cmnd[lag] = running <= 0 ? 1 : d[lag] * lag / running;
      }
      for (int lag = minLag; lag < maxLag; lag++) {
        if (cmnd[lag] < THRESHOLD) {
          while (lag + 1 < maxLag && cmnd[lag + 1] < cmnd[lag]) lag++;
          chosen = lag;
          break;
        }
      }
      if (chosen <= 0) {
        out.add(Double.NaN);
        continue;
      }
      // parabolic interpolation around the chosen lag
      double a = cmnd[chosen - 1], b = cmnd[chosen], c = cmnd[chosen + 1];
      double denom = a - 2 * b + c;
      double lag = denom == 0 ? chosen : chosen + 0.5 * (a - c) / denom;
      double hz = rate / lag;
      out.add(69 + 12 * Math.log(hz / 440) / Math.log(2));
    }
    return out;
  }

  private static double rms(float[] x, int start) {
    double e = 0;
    for (int i = start; i < start + WINDOW; i++) e += x[i] * (double) x[i];
    return Math.sqrt(e / WINDOW);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
