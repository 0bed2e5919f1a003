package io.backbeat.engine.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {
  /** Amplitude of {@code hz} in {@code x} by a single-bin DFT. */
  private static double amplitude(float[] x, int from, int to, double hz, int rate) {
    double re = 0;
    double im = 0;
    for (int i = from; i < to; i++) {
      re += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
      im += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return 2 * Math.hypot(re, im) / (to - from);
  }

  @Test
  void a_16_khz_tone_arrives_at_44_1_khz_at_its_pitch_and_level_without_an_image() {
    short[] in = new short[16000];
    for (int i = 0; i < in.length; i++) {
      in[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
    }
    float[] out = new float[44100];
    Resampler.addUpsampled(in, 16000, 1f, out, 0, 44100);
    double tone = amplitude(out, 4410, 39690, 1000, 44100);
    double image = amplitude(out, 4410, 39690, 15000, 44100);
    assertThat(tone).isCloseTo(16000 / 32768.0, within(0.01));
    assertThat(20 * Math.log10(image / tone)).isLessThan(-50);
  }

  @Test
  void a_faster_input_rate_is_read_as_such_and_lands_at_the_offset() {
    short[] in = new short[18720]; // one second at 16 kHz × 1.17
    for (int i = 0; i < in.length; i++) {
      in[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 500 * i / 18720.0));
    }
    float[] out = new float[3 * 44100];
    Resampler.addUpsampled(in, 18720, 1f, out, 44100, 44100);
    assertThat(amplitude(out, 0, 44100, 500, 44100)).isLessThan(1e-6);
    assertThat(amplitude(out, 44100 + 2205, 2 * 44100 - 2205, 500, 44100)).isCloseTo(8000 / 32768.0, within(0.01));
  }
}
