package io.backbeat.engine.theory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyTest {
  @Test
  void every_key_parses_back_from_its_name() {
    for (int tonic = 0; tonic < 12; tonic++) {
      for (Mode mode : Mode.values()) {
        Key key = new Key(tonic, mode);
        assertThat(Key.parse(key.name())).as(key.name()).contains(key);
      }
    }
  }

  @Test
  void anything_else_is_no_key() {
    assertThat(Key.parse("H major")).isEmpty();
    assertThat(Key.parse("A")).isEmpty();
    assertThat(Key.parse("A  minor")).isEmpty();
    assertThat(Key.parse("A minor blues")).isEmpty();
    assertThat(Key.parse("")).isEmpty();
    assertThat(Key.parse(null)).isEmpty();
  }
}
