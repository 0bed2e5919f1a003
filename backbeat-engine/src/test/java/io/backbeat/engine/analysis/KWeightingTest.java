package io.backbeat.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** K-weighting a block at a time is the whole-signal K-weighting: the filters' state crosses block edges. */
class KWeightingTest {
  @Test
  void block_by_block_power_is_the_whole_signals_and_gives_its_loudness() {
    int rate = 44100;
    int n = rate * 7 + 123;
    float[] left = new float[n];
    float[] right = new float[n];
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < n; i++) {
      double tone = 0.3 * Math.sin(2 * Math.PI * 440 * i / rate) * (i < n / 2 ? 1 : 0.1);
      left[i] = (float) (tone + 0.05 * (random.nextDouble() * 2 - 1));
      right[i] = (float) (0.7 * tone + 0.05 * (random.nextDouble() * 2 - 1));
    }
    float[] whole = LoudnessMeter.kWeightedPower(new float[][] {left, right}, rate);

    KWeighting weighting = new KWeighting(rate);
    float[] streamed = new float[n];
    float[] block = new float[999];
    double[] energy = new double[n / (rate / 10)];
    for (int at = 0; at < n; at += block.length) {
      int count = Math.min(block.length, n - at);
      weighting.power(Arrays.copyOfRange(left, at, at + count), Arrays.copyOfRange(right, at, at + count), count, block);
      System.arraycopy(block, 0, streamed, at, count);
      for (int k = 0; k < count; k++) {
        int s = (at + k) / (rate / 10);
        if (s < energy.length) {
          energy[s] += block[k];
        }
      }
    }

    assertThat(Arrays.mismatch(streamed, whole)).as("first differing sample").isEqualTo(-1);
    assertThat(KWeighting.integrated(energy, rate)).isEqualTo(LoudnessMeter.integratedWithGain(whole, rate, null))
        .isCloseTo(LoudnessMeter.integrated(new float[][] {left, right}, rate), within(0.01));
  }

  @Test
  void silence_measures_as_silence() {
    assertThat(KWeighting.integrated(new double[50], 44100)).isEqualTo(LoudnessMeter.SILENCE);
  }
}
