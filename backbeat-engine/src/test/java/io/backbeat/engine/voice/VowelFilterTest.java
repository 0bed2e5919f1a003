package io.backbeat.engine.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.engine.compose.Groove;
import io.backbeat.engine.compose.SungSyllable;
import io.backbeat.engine.theory.Tempo;
import java.util.List;
import org.junit.jupiter.api.Test;

class VowelFilterTest {
  private static final int RATE = 44100;

  /** A 110 Hz sawtooth: rich in harmonics, like a voice source. */
  private static float[] saw(int frames) {
    float[] x = new float[frames];
    for (int i = 0; i < frames; i++) {
      double phase = (i * 110.0 / RATE) % 1.0;
      x[i] = (float) (0.3 * (2 * phase - 1));
    }
    return x;
  }

  /** Energy of the harmonics of 110 Hz between two frequencies (Goertzel per harmonic). */
  private static double band(float[] x, int from, int to, double lo, double hi) {
    double sum = 0;
    for (double f = 110; f <= hi; f += 110) {
      if (f < lo) {
        continue;
      }
      double w = 2 * Math.PI * f / RATE;
      double s1 = 0, s2 = 0;
      for (int i = from; i < to; i++) {
        double s = x[i] + 2 * Math.cos(w) * s1 - s2;
        s2 = s1;
        s1 = s;
      }
      sum += s1 * s1 + s2 * s2 - 2 * Math.cos(w) * s1 * s2;
    }
    return sum;
  }

  @Test
  void ee_is_bright_and_oh_is_dark_in_time_with_the_syllables() {
    Groove groove = new Groove(new Tempo(120), 0, false); // one beat = 0.5 s
    float[] l = saw(RATE * 2);
    float[] r = l.clone();
    List<SungSyllable> syllables = List.of(new SungSyllable("see", 0, 1.5), new SungSyllable("go", 2, 1.5));
    VowelFilter.apply(l, r, syllables, groove, false, RATE);
    // "see" sounds in the first second, "go" in the second.
    double eeHigh = band(l, 11025, 44100, 2000, 2600);
    double eeLow = band(l, 11025, 44100, 700, 1000);
    double ohHigh = band(l, 55125, 88200, 2000, 2600);
    double ohLow = band(l, 55125, 88200, 700, 1000);
    assertThat(eeHigh / eeLow).isGreaterThan(3 * ohHigh / ohLow);
  }

  @Test
  void spelling_picks_the_sung_vowel() {
    assertThat(Vowel.of("light")).isEqualTo(Vowel.A);
    assertThat(Vowel.of("see")).isEqualTo(Vowel.I);
    assertThat(Vowel.of("moon")).isEqualTo(Vowel.U);
    assertThat(Vowel.of("go")).isEqualTo(Vowel.O);
    assertThat(Vowel.of("ten")).isEqualTo(Vowel.E);
    assertThat(Vowel.of("my")).isEqualTo(Vowel.A);
    assertThat(Vowel.of("")).isEqualTo(Vowel.A);
  }
}
