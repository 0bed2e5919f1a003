package io.backbeat.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.analysis.TruePeak;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MasteringTest {
  /** A quiet, peaky signal: a soft pad with loud drum-like transients. */
  private static Stem peaky(double seconds) {
    int n = (int) (44100 * seconds);
    float[] l = new float[n];
    float[] r = new float[n];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      double pad = 0.05 * Math.sin(2 * Math.PI * 220 * i / 44100.0);
      int sinceHit = i % 22050;
      double hit = sinceHit < 4000 ? 0.6 * Math.exp(-sinceHit / 600.0) * (random.nextDouble() * 2 - 1) : 0;
      l[i] = (float) (pad + hit);
      r[i] = (float) (pad * 0.8 + hit);
    }
    return new Stem("mix", l, r);
  }

  @Test
  void a_mix_is_brought_to_minus_14_lufs_under_the_true_peak_ceiling() {
    Mastering.Result result = new Mastering().master(peaky(20));
    float[][] out = result.audio().channels();
    assertThat(LoudnessMeter.integrated(out, 44100)).isCloseTo(-14.0, within(0.5));
    assertThat(TruePeak.dbtp(out, 44100)).isLessThanOrEqualTo(Mastering.CEILING_DBTP + 0.01);
    assertThat(result.report().limiterDb()).isLessThan(0);
  }

  @Test
  void silence_stays_silent() {
    Stem silent = new Stem("mix", new float[44100 * 3], new float[44100 * 3]);
    Mastering.Result result = new Mastering().master(silent);
    assertThat(LoudnessMeter.samplePeakDb(result.audio().channels())).isEqualTo(LoudnessMeter.SILENCE);
  }
}
