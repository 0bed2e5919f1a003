package io.backbeat.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LimiterTest {
  @Test
  void the_in_place_sliding_maximum_matches_a_brute_force_one() {
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[5000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    for (int window : new int[] {1, 3, 66}) {
      float[] expected = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        float m = x[i];
        for (int j = i; j <= Math.min(x.length - 1, i + window); j++) {
          m = Math.max(m, x[j]);
        }
        expected[i] = m;
      }
      float[] actual = x.clone();
      Limiter.slidingMaxAhead(actual, window);
      assertThat(actual).as("window %d", window).containsExactly(expected);
    }
  }

  @Test
  void the_gain_curve_keeps_every_peak_under_the_ceiling() {
    float[] envelope = new float[44100];
    for (int i = 0; i < envelope.length; i++) {
      envelope[i] = i % 5000 == 100 ? 1.0f : 0.1f;
    }
    float[] gain = new float[envelope.length];
    Limiter limiter = new Limiter(44100, 1.5, 80);
    limiter.gainCurve(limiter.peakAhead(envelope.clone()), 2.0, 0.8, gain);
    for (int i = 0; i < envelope.length; i++) {
      assertThat(envelope[i] * gain[i]).isLessThanOrEqualTo(0.8f + 1e-6f);
    }
    assertThat(gain[4900]).isGreaterThan(1.6f); // released back towards the makeup between peaks
  }
}
