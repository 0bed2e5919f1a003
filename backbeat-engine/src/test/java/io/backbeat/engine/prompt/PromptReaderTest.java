package io.backbeat.engine.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptReaderTest {

  // ---- subjects, places, themes (what the lyrics sing) ---------------------------------------

  @Test
  void finds_the_name_the_place_and_the_action() {
    PromptReading s = PromptReader.read("a song about my dog Biscuit chasing waves at the beach");

    assertThat(s.names()).containsExactly("Biscuit");
    assertThat(s.places()).extracting(Place::render).containsExactly("the beach");
    assertThat(s.subjects()).extracting(Noun::render).contains("my dog", "the waves");
    assertThat(s.actions()).containsExactly("chasing waves");
    assertThat(s.themes()).containsKeys(Theme.OCEAN, Theme.PETS);
    assertThat(s.subjects()).extracting(Noun::word).doesNotContain("song");
  }

  @Test
  void keeps_phrases_and_proper_places_and_reads_the_valence() {
    PromptReading s = PromptReader.read("Heartbreak in a rainy Tokyo night");

    assertThat(s.places()).extracting(Place::render).containsExactly("Tokyo");
    assertThat(s.phrases()).containsExactly("rainy Tokyo night");
    assertThat(s.subjects()).extracting(Noun::render).contains("heartbreak");
    assertThat(s.valence()).isEqualTo(Valence.NEGATIVE);
    assertThat(s.rankedThemes()).contains(Theme.SAD, Theme.RAIN, Theme.CITY);
  }

  @Test
  void music_jargon_is_not_the_subject() {
    PromptReading s =
        PromptReader.read(
            "upbeat 120 bpm pop song with female vocals, piano and synths, about summer love");

    assertThat(s.subjects())
        .extracting(Noun::word)
        .doesNotContain("pop", "vocals", "piano", "synths", "bpm");
    assertThat(s.phrases()).contains("summer love");
    assertThat(s.valence()).isEqualTo(Valence.POSITIVE);
  }

  @Test
  void owned_instruments_and_lower_case_cities_are_kept() {
    PromptReading s = PromptReader.read("my grandfather's old guitar in new york city");

    assertThat(s.phrases()).contains("grandfather's old guitar");
    assertThat(s.places()).extracting(Place::word).containsExactly("New York City");
    assertThat(s.motifs()).contains(Motif.CITY);
  }

  @Test
  void emoji_and_other_scripts_give_themes_but_no_words() {
    PromptReading s = PromptReader.read("🌊🌊 雨夜的东京");

    assertThat(s.hasNoSubject()).isTrue();
    assertThat(s.themes()).containsKey(Theme.OCEAN);
    assertThat(s.motifs()).containsExactly(Motif.SEA);
  }

  // ---- what a picture of it would hold ---------------------------------------------------------

  @Test
  void reads_colours_motifs_time_and_mood_of_a_scene() {
    PromptReading s = PromptReader.read("a lonely lighthouse under a violet sky at dusk");

    assertThat(s.colours()).extracting(Colour::name).containsExactly("violet");
    assertThat(s.colours().getFirst().rgb()).isEqualTo(0x8F5CD6);
    assertThat(s.motifs()).containsExactly(Motif.SEA, Motif.SKY);
    assertThat(s.timeOfDay()).contains(TimeOfDay.EVENING);
    assertThat(s.moods()).containsExactly(Mood.SAD);
  }

  @Test
  void colour_modifiers_shift_the_colour_and_compounds_are_one_colour() {
    PromptReading s = PromptReader.read("light blue walls, a dark red door, neon pink signs and a midnight blue car");

    assertThat(s.colours()).extracting(Colour::name)
        .containsExactly("light blue", "dark red", "neon pink", "midnight blue");
    Colour blue = Colour.named("blue").orElseThrow();
    Colour lightBlue = s.colours().get(0);
    assertThat(brightness(lightBlue.rgb())).isGreaterThan(brightness(blue.rgb()));
    assertThat(brightness(s.colours().get(1).rgb())).isLessThan(brightness(Colour.named("red").orElseThrow().rgb()));
    assertThat(s.colours().get(3).rgb()).isEqualTo(0x191970);
    // "dark" here names a shade, not a mood; "midnight" a colour, not the time
    assertThat(s.moods()).doesNotContain(Mood.DARK);
    assertThat(s.timeOfDay()).isEmpty();
  }

  @Test
  void everyday_nouns_are_colours_only_where_they_colour_something() {
    assertThat(PromptReader.read("an orange sky over silver water").colours()).extracting(Colour::name)
        .containsExactly("orange", "silver");
    assertThat(PromptReader.read("she peeled an orange").colours()).isEmpty();
    assertThat(PromptReader.read("teal and crimson").colours()).extracting(Colour::name)
        .containsExactly("teal", "crimson");
    assertThat(PromptReader.read("bluish-green water, a sky-blue kite").colours()).extracting(Colour::name)
        .contains("blue", "green", "sky blue");
  }

  @Test
  void colour_emoji_count_as_colours() {
    assertThat(PromptReader.read("💜💛").colours()).extracting(Colour::name).containsExactly("purple", "yellow");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "a wolf howling at the moon over the mountains",
    "🐺🌙⛰"
  })
  void words_and_emoji_name_the_same_motifs(String prompt) {
    assertThat(PromptReader.read(prompt).motifs()).contains(Motif.ANIMALS, Motif.MOON, Motif.MOUNTAINS);
  }

  @Test
  void each_visual_motif_is_recognised() {
    assertThat(motifs("stars and the sun in a clear sky")).contains(Motif.STARS, Motif.SUN, Motif.SKY);
    assertThat(motifs("a forest of pines by a river")).contains(Motif.FOREST, Motif.RIVER);
    assertThat(motifs("roses and tulips in a garden")).containsExactly(Motif.FLOWERS);
    assertThat(motifs("sand dunes in the desert")).contains(Motif.DESERT);
    assertThat(motifs("portrait of a woman, her face in soft light")).contains(Motif.PORTRAIT);
    assertThat(motifs("abstract geometric shapes")).containsExactly(Motif.ABSTRACT);
    assertThat(motifs("a rocket among the planets")).containsExactly(Motif.SPACE);
    assertThat(motifs("driving down the highway at night")).contains(Motif.ROAD);
    assertThat(motifs("neon streets of Tokyo")).containsExactly(Motif.CITY);
    assertThat(motifs("a campfire on the beach")).containsExactly(Motif.FIRE, Motif.BEACH);
    assertThat(motifs("waves crashing on the ocean")).containsExactly(Motif.SEA);
  }

  @Test
  void weather_time_of_day_and_season() {
    PromptReading storm = PromptReader.read("thunder and heavy rain on a foggy winter morning");
    assertThat(storm.weather()).containsExactly(Weather.STORM, Weather.RAIN, Weather.FOG);
    assertThat(storm.timeOfDay()).contains(TimeOfDay.MORNING);
    assertThat(storm.season()).contains(Season.WINTER);

    assertThat(PromptReader.read("golden hour in october").timeOfDay()).contains(TimeOfDay.EVENING);
    assertThat(PromptReader.read("golden hour in october").season()).contains(Season.AUTUMN);
    assertThat(PromptReader.read("dancing under the moonlight").timeOfDay()).contains(TimeOfDay.NIGHT);
    assertThat(PromptReader.read("☔ and ❄").weather()).containsExactly(Weather.RAIN, Weather.SNOW);
    assertThat(PromptReader.read("a song about my dog").timeOfDay()).isEmpty();
    assertThat(PromptReader.read("a song about my dog").weather()).isEmpty();
    assertThat(PromptReader.read("a song about my dog").season()).isEqualTo(Optional.empty());
  }

  @Test
  void mood_words_come_first_then_moods_the_themes_imply() {
    assertThat(PromptReader.read("a dreamy, mysterious forest").moods())
        .containsExactly(Mood.DREAMY, Mood.MYSTERIOUS);
    assertThat(PromptReader.read("crying alone after the breakup").moods()).containsExactly(Mood.SAD);
    assertThat(PromptReader.read("an epic party at the club").moods()).containsExactly(Mood.EPIC, Mood.ENERGETIC);
    assertThat(PromptReader.read("a chair").moods()).isEmpty();
  }

  @Test
  void the_colour_vocabulary_is_public_for_makers() {
    assertThat(Colour.named("teal")).map(Colour::rgb).contains(0x008080);
    assertThat(Colour.named("Pastel Pink")).map(Colour::name).contains("pastel pink");
    assertThat(Colour.named("sky-blue")).map(Colour::rgb).contains(0x87CEEB);
    assertThat(Colour.named("table")).isEmpty();
    assertThat(Colour.named("teal").orElseThrow().toColor().getGreen()).isEqualTo(0x80);
  }

  @Test
  void keyboard_runs_are_not_words_but_long_real_words_are() {
    assertThat(PromptReader.read("x".repeat(35) + " at the beach").subjects()).isEmpty();
    assertThat(PromptReader.read("x".repeat(35) + " at the beach").places()).extracting(Place::word).containsExactly("beach");
    assertThat(PromptReader.read("a supercalifragilisticexpialidocious night").adjectives())
        .containsExactly("supercalifragilisticexpialidocious");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "?!?!", "12345 678", "🎉🔥", "Привет, мир", "a"})
  void odd_text_reads_as_an_empty_scene_without_failing(String prompt) {
    PromptReading s = PromptReader.read(prompt);

    assertThat(s.colours()).isEmpty();
    assertThat(s.weather()).isEmpty();
    assertThat(s.names()).isEmpty();
    assertThat(s.subjects()).isEmpty();
  }

  @Test
  void a_null_prompt_reads_as_empty_and_the_same_text_reads_the_same() {
    assertThat(PromptReader.read(null)).isEqualTo(PromptReader.read(""));
    String text = "a red fox in a snowy forest at dawn, 🌲❄";
    assertThat(PromptReader.read(text)).isEqualTo(PromptReader.read(text));
  }

  private static List<Motif> motifs(String prompt) {
    return PromptReader.read(prompt).motifs();
  }

  private static float brightness(int rgb) {
    return java.awt.Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null)[2]
        + (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 765f;
  }
}
