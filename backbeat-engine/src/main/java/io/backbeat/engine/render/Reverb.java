package io.backbeat.engine.render;

/**
 * A small Freeverb-style stereo reverb (Schroeder–Moorer: 8 damped combs in parallel, 4 allpasses
 * in series per channel, the right channel's delays offset for width). Tunings are Jezar's, scaled
 * from 44.1 kHz.
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
   * Returns the wet stereo signal for a mono send. The tank runs at half the sample rate (delays
   * halved, so the same room): a damped tail has little above 11 kHz, and it halves the cost.
   */
  float[][] process(float[] send) {
    int n = send.length;
    float[] half = new float[(n + 1) / 2];
    for (int i = 0; i < half.length; i++) {
      int j = 2 * i;
      half[i] = 0.5f * (send[j] + (j + 1 < n ? send[j + 1] : 0f));
    }
    return new float[][] {upsample(channel(half, 0), n), upsample(channel(half, SPREAD), n)};
  }

  private static float[] upsample(float[] half, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      int k = i >> 1;
      float a = half[k];
      out[i] = (i & 1) == 0 ? a : 0.5f * (a + (k + 1 < half.length ? half[k + 1] : a));
    }
    return out;
  }

  private float[] channel(float[] in, int spread) {
    int n = in.length;
    float[] out = new float[n];
    float feedback = roomSize * 0.28f + 0.7f;
    float damp = damping * 0.4f;
    for (int tuning : COMBS) {
      float[] buf = new float[(tuning + spread) / 2];
      int len = buf.length;
      int idx = 0;
      float store = 0;
      for (int i = 0; i < n; i++) {
        float y = buf[idx];
        store = y * (1 - damp) + store * damp;
        if (Math.abs(store) < 1e-20f) {
          store = 0; // flush: decaying tails in silence would go denormal (very slow)
        }
        buf[idx] = in[i] * 0.03f + store * feedback;
        out[i] += y;
        if (++idx >= len) {
          idx = 0;
        }
      }
    }
    for (int tuning : ALLPASSES) {
      float[] buf = new float[(tuning + spread) / 2];
      int len = buf.length;
      int idx = 0;
      for (int i = 0; i < n; i++) {
        float b = buf[idx];
        float x = out[i];
        out[i] = b - x;
        float next = x + b * 0.5f;
        buf[idx] = Math.abs(next) < 1e-20f ? 0f : next;
        if (++idx >= len) {
          idx = 0;
        }
      }
    }
    return out;
  }
}
