package io.backbeat.engine.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StyleParserTest {
  private static StyleProfile parse(String style) {
    return StyleParser.parse(style, null, null, null, null, 1);
  }

  @Test
  void an_explicit_bpm_wins_exactly() {
    assertThat(parse("house, 124 bpm").bpm()).isEqualTo(124);
    assertThat(parse("hip hop 90 BPM").bpm()).isEqualTo(90);
    assertThat(parse("drum and bass 174bpm").bpm()).isEqualTo(174);
    assertThat(parse("techno, tempo: 133").bpm()).isEqualTo(133);
    assertThat(parse("house, 124 bpm").bpmExplicit()).isTrue();
  }

  @Test
  void without_a_bpm_the_tempo_stays_in_the_genre_range() {
    for (long seed = 0; seed < 20; seed++) {
      StyleProfile p = StyleParser.parse("deep house", null, null, null, null, seed);
      assertThat(p.bpm()).isBetween(118, 128);
      assertThat(p.bpmExplicit()).isFalse();
    }
  }

  @Test
  void specific_genres_win_over_the_broad_ones_they_contain() {
    assertThat(parse("lo-fi hip hop, mellow").genre()).isEqualTo(Genre.LOFI);
    assertThat(parse("drum and bass, liquid").genre()).isEqualTo(Genre.DRUM_AND_BASS);
    assertThat(parse("pop punk anthem").genre()).isEqualTo(Genre.PUNK);
    assertThat(parse("acoustic folk ballad").genre()).isEqualTo(Genre.FOLK);
    assertThat(parse("acoustic folk ballad").ballad()).isTrue();
    assertThat(parse("something unheard of").genre()).isEqualTo(Genre.POP);
  }

  @Test
  void moods_instruments_and_vocal_hints_are_read() {
    StyleProfile p = parse("dark synthwave with saxophone, female vocals");
    assertThat(p.mood()).isEqualTo(Mood.DARK);
    assertThat(p.wanted()).contains(Instrument.SAX);
    assertThat(p.vocalHint()).isEqualTo(VocalHint.FEMALE);
    assertThat(parse("drum and bass").wanted()).doesNotContain(Instrument.BASS);
  }

  @Test
  void negative_tags_remove_instruments_and_genres() {
    StyleProfile p = StyleParser.parse("rock ballad with piano and strings", null, "piano, strings, heavy metal", null, null, 1);
    assertThat(p.excluded()).contains(Instrument.PIANO, Instrument.STRINGS);
    assertThat(p.wants(Instrument.PIANO)).isFalse();
    assertThat(StyleParser.parse("metal", null, "heavy metal", null, null, 1).genre()).isNotEqualTo(Genre.METAL);
  }

  @Test
  void weirdness_raises_adventure_and_style_weight_tames_it() {
    double wild = StyleParser.parse("pop", null, null, 0.0, 1.0, 1).adventure();
    double tame = StyleParser.parse("pop", null, null, 1.0, 1.0, 1).adventure();
    double plain = StyleParser.parse("pop", null, null, 1.0, 0.0, 1).adventure();
    assertThat(wild).isGreaterThan(tame);
    assertThat(tame).isGreaterThan(plain);
  }
}
