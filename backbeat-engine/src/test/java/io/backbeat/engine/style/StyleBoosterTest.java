package io.backbeat.engine.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.engine.compose.Genre;
import io.backbeat.engine.compose.StyleParser;
import io.backbeat.engine.compose.StyleProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StyleBoosterTest {

  @ParameterizedTest
  @EnumSource(Genre.class)
  void every_genre_expands_to_its_tempo_range_instruments_and_production_and_reads_back_as_itself(Genre genre) {
    String boosted = StyleBooster.boost(genre.keywords().get(0));
    assertThat(boosted).startsWith(genre.keywords().get(0)).contains(genre.bpmMin() + "-" + genre.bpmMax() + " bpm");
    assertThat(boosted.split(", ").length).as(boosted).isGreaterThanOrEqualTo(5);
    // given back to the composer, the richer text still means the same genre
    StyleProfile profile = StyleParser.parse(boosted, "", null, null, null, 1);
    assertThat(profile.genre()).as(boosted).isEqualTo(genre);
  }

  @Test
  void the_callers_words_come_first_then_mood_tempo_and_instruments() {
    String boosted = StyleBooster.boost("Pop, Mysterious");
    assertThat(boosted).startsWith("Pop, Mysterious, 100-130 bpm, ").contains("punchy drums").contains("polished");
    assertThat(StyleBooster.boost("dark techno")).contains("dark, brooding").contains("125-140 bpm").contains("Techno".toLowerCase());
    assertThat(StyleBooster.boost("folk with a flute, 96 bpm")).contains("96 bpm").doesNotContain("90-120").contains("fingerpicked acoustic guitar");
  }

  @Test
  void a_blank_hint_is_refused() {
    assertThatThrownBy(() -> StyleBooster.boost(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
