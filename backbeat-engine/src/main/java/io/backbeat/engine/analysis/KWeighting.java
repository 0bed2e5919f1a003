package io.backbeat.engine.analysis;

/**
 * The K-weighting of {@link LoudnessMeter} for a stereo signal, whole or a block at a time: the
 * filters' state is kept between blocks, so a signal fed in blocks gets the same power per sample as
 * fed whole. Blocks are for loudness measured on audio too long to hold (an 8-minute recording with
 * a part over it). The two channels' filter chains run side by side in one loop: they are
 * independent, and the CPU overlaps their serial arithmetic.
 */
public final class KWeighting {
  private final double b0;
  private final double b1;
  private final double b2;
  private final double a1;
  private final double a2;
  private final double ha1;
  private final double ha2;
  private double lx1, lx2, ly1, ly2, lh1, lh2;
  private double rx1, rx2, ry1, ry2, rh1, rh2;

  public KWeighting(int sampleRate) {
    Biquad shelf = LoudnessMeter.shelf(sampleRate);
    Biquad highPass = LoudnessMeter.highPass(sampleRate);
    b0 = shelf.b0();
    b1 = shelf.b1();
    b2 = shelf.b2();
    a1 = shelf.a1();
    a2 = shelf.a2();
    ha1 = highPass.a1();
    ha2 = highPass.a2();
  }

  /** Writes the K-weighted power of the next {@code count} frames into {@code power[0…]} (left² + right², each as a float). */
  public void power(float[] left, float[] right, int count, float[] power) {
    for (int i = 0; i < count; i++) {
      double l = left[i];
      double r = right[i];
      double lv = b0 * l + b1 * lx1 + b2 * lx2 - a1 * ly1 - a2 * ly2;
      double rv = b0 * r + b1 * rx1 + b2 * rx2 - a1 * ry1 - a2 * ry2;
      if (Math.abs(lv) < Biquad.DENORMAL) {
        lv = 0;
      }
      if (Math.abs(rv) < Biquad.DENORMAL) {
        rv = 0;
      }
      lx2 = lx1;
      lx1 = l;
      rx2 = rx1;
      rx1 = r;
      double lk = lv - 2 * ly1 + ly2 - ha1 * lh1 - ha2 * lh2;
      double rk = rv - 2 * ry1 + ry2 - ha1 * rh1 - ha2 * rh2;
      if (Math.abs(lk) < Biquad.DENORMAL) {
        lk = 0;
      }
      if (Math.abs(rk) < Biquad.DENORMAL) {
        rk = 0;
      }
      ly2 = ly1;
      ly1 = lv;
      ry2 = ry1;
      ry1 = rv;
      lh2 = lh1;
      lh1 = lk;
      rh2 = rh1;
      rh1 = rk;
      power[i] = (float) (lk * lk) + (float) (rk * rk);
    }
  }

  /**
   * Integrated loudness (LUFS, {@link LoudnessMeter#SILENCE} for none) from the K-weighted energy
   * of each whole 100 ms segment ({@code sampleRate / 10} samples), gated as {@link LoudnessMeter} gates.
   */
  public static double integrated(double[] segmentEnergy, int sampleRate) {
    return LoudnessMeter.gate(segmentEnergy, sampleRate / 10);
  }
}
