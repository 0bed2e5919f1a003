package io.backbeat.engine.lyrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RhymeBankLastWordTest {
  /** The definition the scan replaced: the last {@code [\s_]+}-separated token, trimmed to letters and apostrophes. */
  private static String byRegex(String phrase) {
    String[] parts = phrase.strip().split("[\\s_]+");
    if (parts.length == 0) {
      return "";
    }
    String last = parts[parts.length - 1].toLowerCase(Locale.ROOT).replace('’', '\'');
    return last.replaceAll("^[^\\p{L}']+|[^\\p{L}']+$", "");
  }

  @Test
  void the_last_word_is_the_letters_and_apostrophes_of_the_last_token() {
    assertThat(RhymeBank.lastWord("Under the neon rain,")).isEqualTo("rain");
    assertThat(RhymeBank.lastWord("  we were dancin’ ")).isEqualTo("dancin'");
    assertThat(RhymeBank.lastWord("hold_on_to_TOMORROW!!")).isEqualTo("tomorrow");
    assertThat(RhymeBank.lastWord("夜の東京")).isEqualTo("夜の東京");
    assertThat(RhymeBank.lastWord("...")).isEmpty();
    assertThat(RhymeBank.lastWord("")).isEmpty();
  }

  @Test
  void the_scan_answers_as_the_regular_expressions_did_on_random_phrases() {
    String alphabet = "ab Zé’'_,.!-\t\n\u2003\u000B9夜\uD83C\uDFB5";
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder phrase = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        phrase.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String p = phrase.toString();
      assertThat(RhymeBank.lastWord(p)).as("'%s'", p).isEqualTo(byRegex(p));
    }
  }
}
