package io.backbeat.engine.render;

/**
 * One channel of {@link Reverb}'s tank fed a block at a time: the combs' buffers, positions and
 * damping state and the allpasses' buffers are kept between blocks, so a mix streamed in blocks
 * gets the wet signal of the whole-array reverb, float for float (every sample sees the same
 * operations in the same order; {@code ReverbTankTest} compares them). A separate class so that
 * the whole-array reverb, which short clips still use, can be tuned on its own.
 */
final class ReverbTank {
  private static final int[] COMBS = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
  private static final int[] ALLPASSES = {556, 441, 341, 225};
  /** The right channel's delays are longer by this much, for width (as {@link Reverb}). */
  static final int SPREAD = 23;

  private final float feedback;
  private final float damp;
  private final float[][] combs = new float[COMBS.length][];
  private final int[] combAt = new int[COMBS.length];
  private final float[] store = new float[COMBS.length];
  private final float[][] allpasses = new float[ALLPASSES.length][];
  private final int[] allpassAt = new int[ALLPASSES.length];

  /** @param spread 0 for the left channel, {@link #SPREAD} for the right */
  ReverbTank(float roomSize, float damping, int spread) {
    this.feedback = roomSize * 0.28f + 0.7f;
    this.damp = damping * 0.4f;
    for (int c = 0; c < COMBS.length; c++) {
      combs[c] = new float[COMBS[c] + spread];
    }
    for (int a = 0; a < ALLPASSES.length; a++) {
      allpasses[a] = new float[ALLPASSES[a] + spread];
    }
  }

  /** The wet signal of {@code in[0…count)} into {@code out[0…count)}, continuing the previous block. */
  void process(float[] in, int count, float[] out) {
    int n = count;
    for (int i = 0; i < n; i++) {
      float input = in[i] * 0.03f;
      float sum = 0;
      for (int c = 0; c < combs.length; c++) {
        float[] b = combs[c];
        int k = combAt[c];
        float y = b[k];
        float s = y * (1 - damp) + store[c] * damp;
        if (Math.abs(s) < 1e-20f) {
          s = 0; // flush: decaying tails in silence would go denormal (very slow)
        }
        store[c] = s;
        b[k] = input + s * feedback;
        sum += y;
        combAt[c] = ++k >= b.length ? 0 : k;
      }
      out[i] = sum;
    }
    for (int a = 0; a < allpasses.length; a++) {
      float[] b = allpasses[a];
      int len = b.length;
      int k = allpassAt[a];
      for (int i = 0; i < n; i++) {
        float bv = b[k];
        float x = out[i];
        out[i] = bv - x;
        float next = x + bv * 0.5f;
        b[k] = Math.abs(next) < 1e-20f ? 0f : next;
        if (++k >= len) {
          k = 0;
        }
      }
      allpassAt[a] = k;
    }
  }
}
