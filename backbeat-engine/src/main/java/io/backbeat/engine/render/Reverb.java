package io.backbeat.engine.render;

/**
 * A small Freeverb-style stereo reverb (Schroeder–Moorer: 8 damped combs in parallel, 4 allpasses
 * in series per channel, the right channel's delays offset for width). Tunings are Jezar's, at
 * 44.1 kHz.
 */
final class Reverb {
  private static final int[] COMBS = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
  private static final int[] ALLPASSES = {556, 441, 341, 225};
  private static final int SPREAD = 23;

  private final float roomSize;
  private final float damping;

  Reverb(float roomSize, float damping) {
    this.roomSize = roomSize;
    this.damping = damping;
  }

  /**
   * Adds the wet stereo signal for a mono send to {@code left} and {@code right}. The tank runs at
   * the full sample rate: a half-rate tank (tried for speed) put a wall at 11.025 kHz into the
   * wet signal and mirrored images above it. One scratch array serves both channels.
   */
  void addTo(float[] send, float[] left, float[] right) {
    float[] wet = new float[send.length];
    channel(send, 0, wet);
    add(wet, left);
    channel(send, SPREAD, wet);
    add(wet, right);
  }

  private static void add(float[] wet, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] += wet[i];
    }
  }

  /**
   * One channel's tank. The eight combs run side by side in one pass over the signal, then the
   * four allpasses in another: each comb's damping state is a serial chain, and interleaving
   * eight independent chains lets the CPU overlap them (a comb per pass left it waiting on one).
   * Per sample the combs still add in the same order, so the output is unchanged.
   */
  private void channel(float[] in, int spread, float[] out) {
    int n = in.length;
    float feedback = roomSize * 0.28f + 0.7f;
    float damp = damping * 0.4f;
    int combs = COMBS.length;
    float[][] buf = new float[combs][];
    int[] idx = new int[combs];
    float[] store = new float[combs];
    for (int c = 0; c < combs; c++) {
      buf[c] = new float[COMBS[c] + spread];
    }
    for (int i = 0; i < n; i++) {
      float input = in[i] * 0.03f;
      float sum = 0;
      for (int c = 0; c < combs; c++) {
        float[] b = buf[c];
        int k = idx[c];
        float y = b[k];
        float s = y * (1 - damp) + store[c] * damp;
        if (Math.abs(s) < 1e-20f) {
          s = 0; // flush: decaying tails in silence would go denormal (very slow)
        }
        store[c] = s;
        b[k] = input + s * feedback;
        sum += y;
        idx[c] = ++k >= b.length ? 0 : k;
      }
      out[i] = sum;
    }
    for (int tuning : ALLPASSES) {
      float[] b = new float[tuning + spread];
      int len = b.length;
      int k = 0;
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
    }
  }
}
