package io.backbeat.engine.lyrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyllablesTest {

  /** Word, fewest and most syllables accepted: a range only where English really varies. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "the, 1, 1",
    "a, 1, 1",
    "I, 1, 1",
    "night, 1, 1",
    "beach, 1, 1",
    "waves, 1, 1",
    "walked, 1, 1",
    "loved, 1, 1",
    "danced, 1, 1",
    "played, 1, 1",
    "cried, 1, 1",
    "smile, 1, 1",
    "smiles, 1, 1",
    "eyes, 1, 1",
    "time, 1, 1",
    "whole, 1, 1",
    "fire, 1, 2",
    "hour, 1, 2",
    "little, 2, 2",
    "table, 2, 2",
    "tables, 2, 2",
    "wanted, 2, 2",
    "needed, 2, 2",
    "roses, 2, 2",
    "boxes, 2, 2",
    "wishes, 2, 2",
    "happy, 2, 2",
    "tonight, 2, 2",
    "heaven, 2, 2",
    "ocean, 2, 2",
    "people, 2, 2",
    "flying, 2, 2",
    "player, 2, 2",
    "believe, 2, 2",
    "lonely, 2, 2",
    "sunshine, 2, 2",
    "rainy, 2, 2",
    "chasing, 2, 2",
    "dancing, 2, 2",
    "heartbreak, 2, 2",
    "something, 2, 2",
    "nothing, 2, 2",
    "hello, 2, 2",
    "goodbye, 2, 2",
    "alive, 2, 2",
    "desire, 2, 3",
    "power, 2, 2",
    "flower, 1, 2",
    "quiet, 2, 2",
    "lion, 2, 2",
    "nation, 2, 2",
    "special, 2, 2",
    "rhythm, 2, 2",
    "Biscuit, 2, 2",
    "didn't, 2, 2",
    "beautiful, 3, 3",
    "chocolate, 2, 3",
    "every, 2, 3",
    "happiness, 3, 3",
    "butterfly, 3, 3",
    "forever, 3, 3",
    "together, 3, 3",
    "yesterday, 3, 3",
    "piano, 3, 3",
    "radio, 3, 3",
    "video, 3, 3",
    "Tokyo, 3, 3",
    "family, 2, 3",
    "memory, 2, 3",
    "whatever, 3, 3",
    "animal, 3, 3",
    "idea, 3, 3",
    "everything, 3, 4",
    "California, 4, 5",
    "different, 2, 3",
    "evening, 2, 2",
    "fireflies, 2, 3",
    "happier, 3, 3",
    "actual, 3, 3",
    "million, 2, 2",
    "fashion, 2, 2",
    "underground, 3, 3",
    "nobody, 3, 3"
  })
  void counts_syllables_of_common_words(String word, int min, int max) {
    assertThat(Syllables.split(word)).as(word).hasSizeBetween(min, max);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "beautiful",
        "little",
        "Tokyo",
        "heartbreak",
        "wanted",
        "California",
        "rhythm",
        "sunshine",
        "didn't",
        "chocolate",
        "Biscuit"
      })
  void pieces_spell_the_word(String word) {
    assertThat(String.join("", Syllables.split(word))).isEqualTo(word);
  }

  @Test
  void contractions_and_elisions() {
    assertThat(Syllables.split("don't")).containsExactly("don't");
    assertThat(Syllables.split("I'm")).containsExactly("I'm");
    assertThat(Syllables.split("you’re")).hasSize(1);
    assertThat(Syllables.split("couldn't")).hasSize(2);
    assertThat(Syllables.split("'cause")).containsExactly("'cause");
    assertThat(Syllables.split("runnin'")).containsExactly("run", "nin'");
  }

  @Test
  void punctuation_around_words_is_not_sung() {
    assertThat(Syllables.split("night,")).containsExactly("night");
    assertThat(Syllables.split("\"(Hello!)\"")).containsExactly("Hel", "lo");
    assertThat(Syllables.count("Oh, oh, oh!")).isEqualTo(3);
    assertThat(Syllables.count("... — !!! 🎉")).isZero();
    assertThat(Syllables.count("well-known rock-and-roll")).isEqualTo(5);
  }

  @Test
  void counts_whole_lines() {
    assertThat(Syllables.count("Heartbreak in a rainy Tokyo night")).isEqualTo(10);
    assertThat(Syllables.count("   ")).isZero();
    assertThat(Syllables.count(null)).isZero();
    assertThat(Syllables.ofLine("Hold on, hold on")).containsExactly("Hold", "on", "hold", "on");
    assertThat(Syllables.words("  We're  alive, tonight!  "))
        .containsExactly("We're", "alive", "tonight");
  }

  @Test
  void other_scripts_get_one_syllable_per_character_or_vowel_group() {
    assertThat(Syllables.split("东京")).containsExactly("东", "京");
    assertThat(Syllables.split("こんにちは")).hasSize(5);
    assertThat(Syllables.split("안녕하세요")).hasSize(5);
    assertThat(Syllables.split("привет")).containsExactly("при", "вет");
    assertThat(Syllables.split("canción")).hasSize(2);
    assertThat(Syllables.count("雨夜的东京")).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hmm", "shh", "!!!", "🎉", "x", "2024", "---", "'", "ß", "Æsir", "नमस्ते", "مرحبا"
      })
  void a_non_empty_word_never_has_zero_syllables(String word) {
    assertThat(Syllables.split(word)).isNotEmpty().allSatisfy(p -> assertThat(p).isNotEmpty());
  }

  @Test
  void blank_input_has_no_syllables() {
    assertThat(Syllables.split("")).isEmpty();
    assertThat(Syllables.split(null)).isEmpty();
    assertThat(Syllables.split("  ")).isEmpty();
  }
}
