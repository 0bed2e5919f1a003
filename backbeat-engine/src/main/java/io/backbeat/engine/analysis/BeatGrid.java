package io.backbeat.engine.analysis;

/**
 * A constant-tempo beat grid fitted to a recording: the period from the tempo estimate, refined on
 * the whole recording, and the phase where beats line up with attacks. A fixed grid is the model:
 * music played to a click fits it to within milliseconds over minutes; a live recording that
 * drifts fits it on average.
 *
 * @param bpm the refined tempo, with its fraction
 * @param firstBeatSeconds the first beat at or after time 0 (0 ≤ it &lt; one beat)
 * @param confidence how much the winning phase stands out (0 = no pulse found)
 */
record BeatGrid(double bpm, double firstBeatSeconds, double confidence) {
  /** The attack envelope's hop and window, in samples at the analysis rate. */
  static final int HOP = 32;
  static final int WINDOW = 128;
  /** Search ±1.5 % around the estimate, in steps of 0.02 %: 8 minutes drift by under 0.1 s. */
  private static final double RANGE = 0.015;
  private static final double STEP = 0.0002;

  double beatSeconds() {
    return 60.0 / bpm;
  }

  /**
   * Refines {@code estimateBpm} on {@code mono}: every period in the search range and every phase
   * (one envelope hop apart) is scored by the attack energy at the grid's beats; the best wins.
   */
  static BeatGrid fit(float[] mono, int rate, double estimateBpm) {
    double[] env = attacks(mono);
    if (env.length < 4 || estimateBpm <= 0) {
      return new BeatGrid(estimateBpm, 0, 0);
    }
    double frameRate = rate / (double) HOP;
    double base = 60 * frameRate / estimateBpm; // period in envelope frames
    double bestScore = -1;
    double bestPeriod = base;
    double bestPhase = 0;
    double sum = 0;
    int count = 0;
    for (double factor = 1 - RANGE; factor <= 1 + RANGE + 1e-9; factor += STEP) {
      double period = base * factor;
      for (int phase = 0; phase < (int) Math.ceil(period); phase++) {
        double score = score(env, period, phase);
        sum += score;
        count++;
        if (score > bestScore) {
          bestScore = score;
          bestPeriod = period;
          bestPhase = phase;
        }
      }
    }
    double mean = sum / Math.max(1, count);
    double confidence = bestScore <= 0 ? 0 : Math.max(0, Math.min(1, (bestScore - mean) / bestScore));
    // An attack at time t first shows in the frame whose window ends at t (see attacks()).
    double first = (bestPhase * HOP + WINDOW) / (double) rate;
    double beat = bestPeriod / frameRate;
    first = first % beat;
    if (beat - first < 0.02) {
      first = 0; // a hair before zero: the recording starts on the beat
    }
    return new BeatGrid(60 * frameRate / bestPeriod, first, confidence);
  }

  private static double score(double[] env, double period, int phase) {
    double s = 0;
    int n = 0;
    for (double at = phase; at < env.length; at += period) {
      int i = (int) Math.round(at);
      if (i >= env.length) {
        break;
      }
      // the attack may fall one frame either side of the rounded position
      double v = env[i];
      if (i > 0) {
        v = Math.max(v, env[i - 1]);
      }
      if (i + 1 < env.length) {
        v = Math.max(v, env[i + 1]);
      }
      s += v;
      n++;
    }
    return n == 0 ? 0 : s / n;
  }

  /**
   * The rise of log energy from one short window ({@link #WINDOW} samples, rectangular) to the
   * next, half-wave rectified: frame {@code f} covers samples {@code [f·HOP, f·HOP + WINDOW)}, so an
   * attack at sample {@code t} makes its biggest jump in the frame whose window just reaches it.
   */
  static double[] attacks(float[] mono) {
    int frames = Math.max(0, (mono.length - WINDOW) / HOP + 1);
    double[] env = new double[frames];
    double previous = Double.NaN;
    for (int f = 0; f < frames; f++) {
      int start = f * HOP;
      double energy = 0;
      for (int i = start; i < start + WINDOW; i++) {
        energy += mono[i] * (double) mono[i];
      }
      double level = Math.log(1e-9 + energy / WINDOW);
      env[f] = Double.isNaN(previous) ? 0 : Math.max(0, level - previous);
      previous = level;
    }
    return env;
  }
}
