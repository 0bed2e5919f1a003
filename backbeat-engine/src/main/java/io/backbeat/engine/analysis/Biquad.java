package io.backbeat.engine.analysis;

/** A direct-form-I biquad; coefficients normalised so a0 = 1. */
record Biquad(double b0, double b1, double b2, double a1, double a2) {
  /** Below this the state is flushed to zero: decaying IIR tails in silence would otherwise turn
   * denormal and run a hundred times slower. */
  static final double DENORMAL = 1e-25;

  /** Filters {@code in} into a new array (double state for accuracy on long signals). */
  double[] filter(float[] in) {
    double[] out = new double[in.length];
    double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    for (int i = 0; i < in.length; i++) {
      double x = in[i];
      double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      if (Math.abs(y) < DENORMAL) {
        y = 0;
      }
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      out[i] = y;
    }
    return out;
  }

  void filterInPlace(double[] data) {
    double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    for (int i = 0; i < data.length; i++) {
      double x = data[i];
      double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      if (Math.abs(y) < DENORMAL) {
        y = 0;
      }
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      data[i] = y;
    }
  }
}
