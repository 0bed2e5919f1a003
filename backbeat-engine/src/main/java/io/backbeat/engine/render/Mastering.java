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
  public static final double TARGET_LUFS = -14.0;
  /** Below the −1 dBTP delivery limit, leaving room for MP3 overshoot. */
  public static final double CEILING_DBTP = -1.7;

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

  /** Returns the mastered copy of {@code mix} and the report. */
  public Result master(Stem mix) {
    int rate = PartRenderer.SAMPLE_RATE;
    double input = LoudnessMeter.integrated(mix.channels(), rate);
    if (input <= LoudnessMeter.SILENCE) {
      return new Result(mix, new Report(input, 0, 0, input, LoudnessMeter.samplePeakDb(mix.channels())));
    }
    double ceiling = Math.pow(10, ceilingDbtp / 20);
    double gainDb = targetLufs - input;
    Limiter limiter = new Limiter(rate, 1.5, 80);
    // One envelope for every pass: exact wherever even 12 dB more gain than planned could
    // reach the ceiling.
    float[] envelope = TruePeak.envelope(mix.left(), mix.right(),
        ceiling / Math.pow(10, (gainDb + 12) / 20));
    float[] left = new float[mix.frames()];
    float[] right = new float[mix.frames()];
    double limited = 0;
    double output = input;
    for (int pass = 0; pass < 4; pass++) {
      System.arraycopy(mix.left(), 0, left, 0, left.length);
      System.arraycopy(mix.right(), 0, right, 0, right.length);
      limited = limiter.apply(left, right, envelope, Math.pow(10, gainDb / 20), ceiling);
      output = LoudnessMeter.integrated(new float[][] {left, right}, rate);
      double error = targetLufs - output;
      if (Math.abs(error) < 0.15) {
        break;
      }
      gainDb += error;
    }
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
