package io.backbeat.engine.render;

import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.analysis.TruePeak;

/**
 * Brings a mix to a loudness target (about −14 LUFS integrated, the streaming norm) under a
 * true-peak ceiling: gain, then the look-ahead limiter, re-measured and corrected a few times
 * because limiting lowers loudness. Never clips: the last step is a plain gain check against the
 * fully oversampled true peak.
 */
public final class Mastering {
  /**
   * A little above −14: measured on rendered songs, LAME's 192 kbit/s low-pass takes about 0.3 LU
   * off (K-weighting counts the top octave), so the decoded MP3 lands at −14.
   */
  public static final double TARGET_LUFS = -13.7;
  /**
   * Below the −1 dBTP delivery limit, leaving room for MP3 overshoot: measured, LAME at 192 kbit/s
   * adds up to 0.2 dB with the built-in bank and 0.35 dB with a real GM SoundFont (TimGM6mb),
   * whose cymbals are brighter.
   */
  public static final double CEILING_DBTP = -2.0;

  /** What mastering did and measured on its output. */
  public record Report(double inputLufs, double gainDb, double limiterDb, double outputLufs,
      double truePeakDbtp) {}

  private final double targetLufs;
  private final double ceilingDbtp;

  public Mastering() {
    this(TARGET_LUFS, CEILING_DBTP);
  }

  public Mastering(double targetLufs, double ceilingDbtp) {
    this.targetLufs = targetLufs;
    this.ceilingDbtp = ceilingDbtp;
  }

  /**
   * Masters {@code mix} in place (the unmastered mix is not needed afterwards, and a 3-minute
   * stereo copy is 60 MB) and returns it with the report.
   */
  public Result master(Stem mix) {
    int rate = PartRenderer.SAMPLE_RATE;
    // K-weighted once; each trial below re-reads loudness through its gain curve.
    float[] power = LoudnessMeter.kWeightedPower(mix.channels(), rate);
    double input = LoudnessMeter.integratedWithGain(power, rate, null);
    if (input <= LoudnessMeter.SILENCE) {
      return new Result(mix, new Report(input, 0, 0, input, LoudnessMeter.samplePeakDb(mix.channels())));
    }
    double ceiling = Math.pow(10, ceilingDbtp / 20);
    double gainDb = targetLufs - input;
    Limiter limiter = new Limiter(rate, 1.5, 80);
    // One envelope for all passes, exact wherever up to 4 dB more gain than planned could reach
    // the ceiling; recomputed in the rare case a pass needs more.
    double envelopeHeadroomDb = gainDb + 4;
    float[] ahead = limiter.peakAhead(
        TruePeak.envelope(mix.left(), mix.right(), ceiling / Math.pow(10, envelopeHeadroomDb / 20)));
    float[] curve = new float[mix.frames()];
    double output = input;
    for (int pass = 0; pass < 5; pass++) {
      if (gainDb > envelopeHeadroomDb) {
        envelopeHeadroomDb = gainDb + 4;
        ahead = limiter.peakAhead(
            TruePeak.envelope(mix.left(), mix.right(), ceiling / Math.pow(10, envelopeHeadroomDb / 20)));
      }
      limiter.gainCurve(ahead, Math.pow(10, gainDb / 20), ceiling, curve);
      output = LoudnessMeter.integratedWithGain(power, rate, curve);
      double error = targetLufs - output;
      if (Math.abs(error) < 0.1) {
        break;
      }
      gainDb += error;
    }
    float[] left = mix.left();
    float[] right = mix.right();
    double makeup = Math.pow(10, gainDb / 20);
    float deepest = Float.MAX_VALUE; // the lowest gain: makeup × the deepest limiting
    for (int i = 0; i < left.length; i++) {
      float g = curve[i];
      left[i] *= g;
      right[i] *= g;
      deepest = Math.min(deepest, g);
    }
    double limited = 20 * Math.log10(Math.max(Math.min(1, deepest / makeup), 1e-6));
    double floor = ceiling * 0.9;
    double peak = Math.max(TruePeak.linear(left, floor), TruePeak.linear(right, floor));
    double peakDb = 20 * Math.log10(Math.max(peak, 1e-12));
    if (peakDb > ceilingDbtp) {
      float g = (float) Math.pow(10, (ceilingDbtp - peakDb) / 20);
      for (int i = 0; i < left.length; i++) {
        left[i] *= g;
        right[i] *= g;
      }
      output += ceilingDbtp - peakDb;
      peakDb = ceilingDbtp;
    }
    return new Result(new Stem("master", left, right),
        new Report(input, gainDb, limited, output, peakDb));
  }

  /** The mastered audio and its report. */
  public record Result(Stem audio, Report report) {}
}
