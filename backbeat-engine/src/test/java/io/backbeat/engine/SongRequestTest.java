package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.engine.lyrics.LyricsRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SongRequestTest {
  @Test
  void optional_fields_default_to_absent_and_the_model_to_v5() {
    SongRequest r = SongRequest.builder().prompt("a rainy night").seed(7).build();

    assertThat(r.prompt()).isEqualTo("a rainy night");
    assertThat(r.customMode()).isFalse();
    assertThat(r.instrumental()).isFalse();
    assertThat(r.model()).isEqualTo("V5").isEqualTo(SongRequest.DEFAULT_MODEL);
    assertThat(r.style()).isNull();
    assertThat(r.title()).isNull();
    assertThat(r.negativeTags()).isNull();
    assertThat(r.vocalGender()).isNull();
    assertThat(r.styleWeight()).isNull();
    assertThat(r.weirdnessConstraint()).isNull();
    assertThat(r.audioWeight()).isNull();
    assertThat(r.personaId()).isNull();
    assertThat(r.maxLength()).isNull();
    assertThat(r.seed()).isEqualTo(7);
  }

  @Test
  void blank_text_reads_as_absent() {
    SongRequest r = SongRequest.builder().prompt("  ").style("").title("\n").model(" ")
        .negativeTags(" ").personaId("").vocalGender("").seed(1).build();

    assertThat(r.prompt()).isNull();
    assertThat(r.style()).isNull();
    assertThat(r.title()).isNull();
    assertThat(r.model()).isEqualTo("V5");
    assertThat(r.negativeTags()).isNull();
    assertThat(r.personaId()).isNull();
    assertThat(r.vocalGender()).isNull();
  }

  @Test
  void the_seed_is_required_and_the_message_names_it() {
    assertThatThrownBy(() -> SongRequest.builder().prompt("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("seed is required");
  }

  @Test
  void custom_mode_with_vocals_needs_the_lyrics_in_the_prompt() {
    assertThatThrownBy(() -> SongRequest.builder().customMode(true).style("pop").seed(1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("prompt is required in custom mode with vocals");
    assertThat(SongRequest.builder().customMode(true).instrumental(true).style("pop").seed(1).build().prompt())
        .isNull();
  }

  @Test
  void weights_and_the_length_are_checked_and_named() {
    assertThatThrownBy(() -> SongRequest.builder().seed(1).styleWeight(1.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("styleWeight");
    assertThatThrownBy(() -> SongRequest.builder().seed(1).weirdnessConstraint(-0.1).build())
        .hasMessageStartingWith("weirdnessConstraint");
    assertThatThrownBy(() -> SongRequest.builder().seed(1).audioWeight(Double.NaN).build())
        .hasMessageStartingWith("audioWeight");
    assertThatThrownBy(() -> SongRequest.builder().seed(1).maxLength(Duration.ZERO).build())
        .hasMessageStartingWith("maxLength");
  }

  @Test
  void to_builder_copies_every_field_and_changes_only_what_is_set() {
    SongRequest original = SongRequest.builder().prompt("[Verse]\nla").style("house, 124 bpm").title("Floor")
        .customMode(true).model("V4").negativeTags("piano").vocalGender("f").styleWeight(0.4)
        .weirdnessConstraint(0.2).audioWeight(0.7).personaId("p1").seed(42)
        .maxLength(Duration.ofMinutes(4)).build();

    assertThat(original.toBuilder().build()).isEqualTo(original).hasSameHashCodeAs(original);
    SongRequest reseeded = original.toBuilder().seed(43).build();
    assertThat(reseeded).isNotEqualTo(original);
    assertThat(reseeded.seed()).isEqualTo(43);
    assertThat(reseeded.toBuilder().seed(42).build()).isEqualTo(original);
    assertThat(reseeded.style()).isEqualTo("house, 124 bpm");
    assertThat(reseeded.personaId()).isEqualTo("p1");
  }

  @Test
  void the_string_form_does_not_spill_the_lyrics() {
    String lyrics = "[Verse]\n" + "a secret line ".repeat(50);
    String text = SongRequest.builder().customMode(true).prompt(lyrics).seed(1).build().toString();

    assertThat(text).doesNotContain("secret").contains(lyrics.length() + " chars");
  }

  @Test
  void a_lyrics_request_needs_a_seed_and_reads_a_null_prompt_as_empty() {
    assertThatThrownBy(() -> LyricsRequest.builder().prompt("x").build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("seed is required");
    LyricsRequest r = LyricsRequest.builder().prompt(null).seed(3).build();
    assertThat(r.prompt()).isEmpty();
    assertThat(r.toBuilder().prompt("rain").build().prompt()).isEqualTo("rain");
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }
}
