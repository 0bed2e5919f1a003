package io.backbeat.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoudnessMeterTest {
  private static final int RATE = 44100;

  private static float[] sine(double frequency, double dbfs, double seconds) {
    float[] x = new float[(int) (RATE * seconds)];
    double amplitude = Math.pow(10, dbfs / 20);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / RATE));
    }
    return x;
  }

  @Test
  void a_997_hz_sine_at_minus_20_dbfs_in_both_channels_reads_minus_20_lufs() {
    // BS.1770: a 0 dBFS 997 Hz sine in one channel reads −3.01 LKFS; both channels add 3.01 dB.
    float[] s = sine(997, -20, 10);
    double lufs = LoudnessMeter.integrated(new float[][] {s, s}, RATE);
    assertThat(lufs).isCloseTo(-20.0, within(0.1));
  }

  @Test
  void the_same_sine_in_one_channel_only_reads_minus_23_lufs() {
    float[] s = sine(997, -20, 10);
    double lufs = LoudnessMeter.integrated(new float[][] {s, new float[s.length]}, RATE);
    assertThat(lufs).isCloseTo(-23.01, within(0.1));
  }

  @Test
  void k_weighting_lifts_high_frequencies_and_cuts_the_deep_bass() {
    float[] high = sine(4000, -20, 5);
    float[] low = sine(40, -20, 5);
    double highLufs = LoudnessMeter.integrated(new float[][] {high, high}, RATE);
    double lowLufs = LoudnessMeter.integrated(new float[][] {low, low}, RATE);
    assertThat(highLufs).isCloseTo(-20 + 3.4, within(0.5)); // the shelf's +4 dB region
    assertThat(lowLufs).isLessThan(-21);
  }

  @Test
  void silence_below_the_absolute_gate_does_not_lower_the_integrated_loudness() {
    float[] tone = sine(997, -20, 10);
    float[] padded = new float[tone.length * 3];
    System.arraycopy(tone, 0, padded, tone.length, tone.length);
    double lufs = LoudnessMeter.integrated(new float[][] {padded, padded}, RATE);
    assertThat(lufs).isCloseTo(-20.0, within(0.15));
    assertThat(LoudnessMeter.integrated(new float[][] {new float[RATE * 2]}, RATE))
        .isEqualTo(LoudnessMeter.SILENCE);
  }

  @Test
  void true_peak_finds_the_peak_between_samples() {
    // A sine at a quarter of the sample rate, phased 45°: every sample sits at 0.707 of the peak.
    float[] x = new float[RATE];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.9 * Math.sin(Math.PI / 2 * i + Math.PI / 4));
    }
    double samplePeak = LoudnessMeter.samplePeakDb(new float[][] {x});
    double truePeak = TruePeak.dbtp(new float[][] {x}, RATE);
    assertThat(samplePeak).isCloseTo(20 * Math.log10(0.9 * Math.sqrt(0.5)), within(0.05));
    assertThat(truePeak).isCloseTo(20 * Math.log10(0.9), within(0.3));
  }
}
