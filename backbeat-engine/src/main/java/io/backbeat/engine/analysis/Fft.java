package io.backbeat.engine.analysis;

/**
 * In-place iterative radix-2 complex FFT of one fixed size. The twiddles are precomputed and
 * read-only: one instance may serve several threads, each with its own arrays.
 */
public final class Fft {
  private final int size;
  private final double[] cos;
  private final double[] sin;
  private final int[] reversed;

  public Fft(int size) {
    if (Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("size must be a power of two: " + size);
    }
    this.size = size;
    cos = new double[size / 2];
    sin = new double[size / 2];
    for (int i = 0; i < size / 2; i++) {
      cos[i] = Math.cos(-2 * Math.PI * i / size);
      sin[i] = Math.sin(-2 * Math.PI * i / size);
    }
    reversed = new int[size];
    int bits = Integer.numberOfTrailingZeros(size);
    for (int i = 0; i < size; i++) {
      reversed[i] = Integer.reverse(i) >>> (32 - bits);
    }
  }

  /** Forward transform, in place. */
  public void transform(double[] re, double[] im) {
    for (int i = 0; i < size; i++) {
      int j = reversed[i];
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= size; len <<= 1) {
      int half = len / 2;
      int step = size / len;
      for (int start = 0; start < size; start += len) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * step];
          double wi = sin[k * step];
          int a = start + k;
          int b = a + half;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }

  /** Inverse transform, in place, scaled by 1/n: {@code inverse(transform(x)) == x}. */
  public void inverse(double[] re, double[] im) {
    for (int i = 0; i < size; i++) {
      im[i] = -im[i];
    }
    transform(re, im);
    double scale = 1.0 / size;
    for (int i = 0; i < size; i++) {
      re[i] *= scale;
      im[i] = -im[i] * scale;
    }
  }

  public int size() {
    return size;
  }
}
