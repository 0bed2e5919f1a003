package io.backbeat.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TempoEstimatorTest {
  private static final int RATE = 44100;

  /** Decaying noise bursts on every beat (louder on 1 and 3), 30 seconds. */
  private static float[] clicks(double bpm) {
    float[] x = new float[RATE * 30];
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    double period = 60.0 / bpm * RATE;
    for (int beat = 0; beat * period < x.length; beat++) {
      int start = (int) Math.round(beat * period);
      double level = beat % 2 == 0 ? 0.8 : 0.5;
      for (int i = 0; i < 2000 && start + i < x.length; i++) {
        x[start + i] += (float) (level * Math.exp(-i / 300.0) * (random.nextDouble() * 2 - 1));
      }
    }
    return x;
  }

  @Test
  void a_click_track_at_124_bpm_reads_124() {
    float[] x = clicks(124);
    assertThat(TempoEstimator.estimate(new float[][] {x, x}, RATE).bpm()).isCloseTo(124, within(1.0));
  }

  @Test
  void a_click_track_at_90_bpm_reads_90_not_180() {
    float[] x = clicks(90);
    assertThat(TempoEstimator.estimate(new float[][] {x}, RATE).bpm()).isCloseTo(90, within(1.0));
  }

  @Test
  void silence_has_no_tempo() {
    assertThat(TempoEstimator.estimate(new float[][] {new float[RATE * 5]}, RATE).bpm()).isZero();
  }
}
