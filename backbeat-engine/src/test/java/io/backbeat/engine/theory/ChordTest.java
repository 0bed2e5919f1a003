package io.backbeat.engine.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChordTest {
  private static final Key A_MINOR = new Key(9, Mode.MINOR);
  private static final Key C_MAJOR = new Key(0, Mode.MAJOR);

  @Test
  void roman_numerals_count_degrees_in_the_keys_own_mode() {
    assertThat(Chord.roman(A_MINOR, "i").symbol()).isEqualTo("Am");
    assertThat(Chord.roman(A_MINOR, "VI").symbol()).isEqualTo("F");
    assertThat(Chord.roman(A_MINOR, "VII").symbol()).isEqualTo("G");
    assertThat(Chord.roman(C_MAJOR, "bVII").symbol()).isEqualTo("Bb");
    assertThat(Chord.roman(C_MAJOR, "ii7").symbol()).isEqualTo("Dm7");
    assertThat(Chord.roman(C_MAJOR, "V7").symbol()).isEqualTo("G7");
    assertThat(Chord.roman(C_MAJOR, "Imaj7").symbol()).isEqualTo("Cmaj7");
    assertThat(Chord.roman(A_MINOR, "iio7").symbol()).isEqualTo("Bm7b5");
    assertThat(Chord.roman(A_MINOR, "i5").symbol()).isEqualTo("A5");
  }

  @Test
  void a_voicing_is_close_and_starts_at_or_above_the_floor() {
    assertThat(Chord.roman(C_MAJOR, "IV").voicing(52, 3)).containsExactly(53, 57, 60);
    assertThat(Chord.roman(C_MAJOR, "I").voicing(60, 4)).containsExactly(60, 64, 67);
  }

  @Test
  void scale_degrees_map_to_notes_and_back() {
    Scale scale = A_MINOR.scale();
    assertThat(scale.note(0)).isEqualTo(69);
    assertThat(scale.note(2)).isEqualTo(72);
    assertThat(scale.note(-1)).isEqualTo(67);
    assertThat(scale.contains(70)).isFalse();
    assertThat(scale.nearestDegree(72)).isEqualTo(2);
  }

  @Test
  void nonsense_is_rejected() {
    assertThatThrownBy(() -> Chord.roman(C_MAJOR, "VIII")).isInstanceOf(IllegalArgumentException.class);
  }
}
