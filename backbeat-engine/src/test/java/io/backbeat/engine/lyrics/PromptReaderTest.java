package io.backbeat.engine.lyrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptReaderTest {

  @Test
  void finds_the_name_the_place_and_the_action() {
    PromptReader.Subject s =
        PromptReader.read("a song about my dog Biscuit chasing waves at the beach");

    assertThat(s.names()).containsExactly("Biscuit");
    assertThat(s.places()).extracting(PromptReader.Place::render).containsExactly("the beach");
    assertThat(s.things()).extracting(PromptReader.Noun::render).contains("my dog", "the waves");
    assertThat(s.actions()).containsExactly("chasing waves");
    assertThat(s.themes()).containsKeys(Theme.OCEAN, Theme.PETS);
    assertThat(s.things()).extracting(PromptReader.Noun::word).doesNotContain("song");
  }

  @Test
  void keeps_phrases_and_proper_places_and_reads_the_mood() {
    PromptReader.Subject s = PromptReader.read("Heartbreak in a rainy Tokyo night");

    assertThat(s.places()).extracting(PromptReader.Place::render).containsExactly("Tokyo");
    assertThat(s.phrases()).containsExactly("rainy Tokyo night");
    assertThat(s.things()).extracting(PromptReader.Noun::render).contains("heartbreak");
    assertThat(s.mood()).isEqualTo('-');
    assertThat(s.rankedThemes()).contains(Theme.SAD, Theme.RAIN, Theme.CITY);
  }

  @Test
  void music_jargon_is_not_the_subject() {
    PromptReader.Subject s =
        PromptReader.read(
            "upbeat 120 bpm pop song with female vocals, piano and synths, about summer love");

    assertThat(s.things())
        .extracting(PromptReader.Noun::word)
        .doesNotContain("pop", "vocals", "piano", "synths", "bpm");
    assertThat(s.phrases()).contains("summer love");
    assertThat(s.mood()).isEqualTo('+');
  }

  @Test
  void owned_instruments_and_lower_case_cities_are_kept() {
    PromptReader.Subject s = PromptReader.read("my grandfather's old guitar in new york city");

    assertThat(s.phrases()).contains("grandfather's old guitar");
    assertThat(s.places()).extracting(PromptReader.Place::word).containsExactly("New York City");
  }

  @Test
  void emoji_and_other_scripts_give_themes_but_no_words() {
    PromptReader.Subject s = PromptReader.read("🌊🌊 雨夜的东京");

    assertThat(s.isEmpty()).isTrue();
    assertThat(s.themes()).containsKey(Theme.OCEAN);
  }
}
