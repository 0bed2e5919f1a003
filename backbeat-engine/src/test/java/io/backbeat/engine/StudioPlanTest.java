package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.compose.Arrangement;
import io.backbeat.engine.compose.NoteEvent;
import io.backbeat.engine.compose.Part;
import io.backbeat.engine.compose.PartRole;
import io.backbeat.engine.lyrics.Lyrics;
import io.backbeat.engine.lyrics.LyricsRequest;
import io.backbeat.engine.lyrics.Syllables;
import io.backbeat.engine.voice.PersonaVoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning is fast and needs no audio: form, tempo, timbres and the sung line are checked here. */
class StudioPlanTest {
  static final String LYRICS = """
      [Verse]
      Walking down the empty street tonight
      Counting every broken neon light
      [Chorus]
      Hold on, hold on to me
      We are the light we want to see
      """;

  @TempDir static Path work;
  static Studio studio;

  @BeforeAll
  static void open() {
    studio = new Studio(new StudioConfig(null, work, 2));
  }

  @AfterAll
  static void close() {
    studio.close();
  }

  static SongRequest simple(String prompt, String style, long seed) {
    return SongRequest.builder().prompt(prompt).style(style).seed(seed).build();
  }

  static SongRequest custom(String lyrics, String style, String title, boolean instrumental, long seed) {
    return SongRequest.builder().prompt(lyrics).style(style).title(title).customMode(true).instrumental(instrumental).seed(seed).build();
  }

  private static Set<Integer> programs(Arrangement a) {
    return a.parts().stream().filter(p -> !p.drums()).map(Part::program).collect(Collectors.toSet());
  }

  @Test
  void lo_fi_drum_and_bass_and_folk_ballad_differ_in_tempo_and_instrumentation() {
    Arrangement lofi = studio.plan(simple("rainy window", "lo-fi hip hop, 80 bpm, mellow", 1)).clips().get(0).arrangement();
    Arrangement dnb = studio.plan(simple("rainy window", "drum and bass 174 bpm", 1)).clips().get(0).arrangement();
    Arrangement folk = studio.plan(simple("rainy window", "acoustic folk ballad", 1)).clips().get(0).arrangement();
    assertThat(lofi.bpm()).isEqualTo(80);
    assertThat(dnb.bpm()).isEqualTo(174);
    assertThat(folk.bpm()).isNotIn(80, 174).isBetween(60, 100);
    assertThat(programs(lofi)).isNotEqualTo(programs(dnb)).isNotEqualTo(programs(folk));
    assertThat(programs(lofi)).contains(4); // electric piano
    assertThat(programs(dnb)).contains(38); // synth bass
    assertThat(programs(folk)).contains(25); // steel-string guitar
    assertThat(lofi.groove().swing()).isGreaterThan(0);
    assertThat(dnb.groove().swing()).isZero();
  }

  @Test
  void the_two_clips_share_title_and_lyrics_but_differ_in_melody() {
    SongPlan plan = studio.plan(custom(LYRICS, "pop, 110 bpm", "Neon", false, 5));
    assertThat(plan.title()).isEqualTo("Neon");
    assertThat(plan.lyrics()).isEqualTo(LYRICS);
    assertThat(plan.clips()).hasSize(2);
    List<Integer> a = vocal(plan.clips().get(0)).notes().stream().map(NoteEvent::pitch).toList();
    List<Integer> b = vocal(plan.clips().get(1)).notes().stream().map(NoteEvent::pitch).toList();
    assertThat(a).isNotEqualTo(b);
    assertThat(plan.clips().get(0).seed()).isNotEqualTo(plan.clips().get(1).seed());
  }

  @Test
  void the_lyrics_entry_writes_what_a_simple_mode_song_sings() {
    List<Lyrics> written = studio.writeLyrics(LyricsRequest.builder().prompt("rainy window").seed(5).build());
    SongPlan plan = studio.plan(simple("rainy window", "pop", 5));

    assertThat(written).hasSize(2);
    assertThat(plan.title()).isEqualTo(written.getFirst().title());
    assertThat(plan.lyrics()).isEqualTo(written.getFirst().text());
  }

  @Test
  void the_vocal_sings_one_note_per_syllable_and_one_timing_per_word() {
    ClipPlan clip = studio.plan(custom(LYRICS, "pop, 110 bpm", "Neon", false, 5)).clips().get(0);
    List<String> lines = LYRICS.lines().filter(l -> !l.isBlank() && !l.startsWith("[")).toList();
    int syllables = lines.stream().mapToInt(Syllables::count).sum();
    int words = lines.stream().mapToInt(l -> Syllables.words(l).size()).sum();
    assertThat(vocal(clip).notes()).hasSize(syllables);
    assertThat(clip.words()).hasSize(words);
    assertThat(clip.words().get(0).word()).isEqualTo("Walking");
    double previousEnd = 0;
    for (WordTiming w : clip.words()) {
      assertThat(w.startS()).isGreaterThanOrEqualTo(previousEnd - 1e-9);
      assertThat(w.endS()).isGreaterThan(w.startS()).isLessThanOrEqualTo(clip.durationSeconds());
      previousEnd = w.endS();
    }
  }

  @Test
  void the_melody_stays_in_the_singers_range_and_the_gender_moves_it() {
    SongRequest female = SongRequest.builder().prompt(LYRICS).style("pop").title("Neon").customMode(true).vocalGender("f").seed(3).build();
    SongRequest male = SongRequest.builder().prompt(LYRICS).style("pop").title("Neon").customMode(true).vocalGender("m").seed(3).build();
    ClipPlan f = studio.plan(female).clips().get(0);
    ClipPlan m = studio.plan(male).clips().get(0);
    assertThat(f.voice().female()).isTrue();
    assertThat(m.voice().female()).isFalse();
    assertThat(Set.of(52, 53, 54, 85)).contains(f.voice().program());
    for (NoteEvent n : vocal(f).notes()) {
      assertThat(n.pitch()).isBetween(f.voice().range().low(), f.voice().range().high());
    }
    double fMean = vocal(f).notes().stream().mapToInt(NoteEvent::pitch).average().orElseThrow();
    double mMean = vocal(m).notes().stream().mapToInt(NoteEvent::pitch).average().orElseThrow();
    assertThat(fMean).isGreaterThan(mMean + 6);
  }

  @Test
  void a_persona_is_the_same_voice_on_every_request() {
    SongRequest one = SongRequest.builder().prompt(LYRICS).style("pop").title("A").customMode(true).personaId("persona-42").seed(1).build();
    SongRequest two = SongRequest.builder().prompt(LYRICS).style("rock").title("B").customMode(true).personaId("persona-42").seed(99).build();
    assertThat(studio.plan(one).clips().get(0).voice()).isEqualTo(studio.plan(two).clips().get(1).voice());
  }

  /** The pitch the sung line spends half its time below. */
  private static double medianPitch(Part vocal) {
    List<NoteEvent> notes = vocal.notes().stream().sorted(Comparator.comparingInt(NoteEvent::pitch)).toList();
    double total = notes.stream().mapToDouble(NoteEvent::length).sum();
    double seen = 0;
    for (NoteEvent n : notes) {
      seen += n.length();
      if (seen >= total / 2) return n.pitch();
    }
    throw new AssertionError("no notes");
  }

  @Test
  void a_stored_persona_is_sung_at_the_centre_it_was_measured_at_in_every_key_and_form() {
    // without the centre, where a line sat in the persona's range moved with the key and the motifs: up to 7 semitones
    try (Studio own = new Studio(new StudioConfig(null, work, 2))) {
      for (long seed = 1; seed <= 24; seed++) {
        double centre = 50 + (seed * 7) % 22; // low male to high female
        int low = (int) centre - 7;
        PersonaVoice persona = new PersonaVoice(centre >= 60, low, low + 14, 1.0, 20, 5.5, 0.07, 0.25, centre);
        own.usePersonas(id -> Optional.of(persona));
        String lyrics = seed % 2 == 0 ? LYRICS : "[Verse]\nA new day is rising slow\nEvery light begins to glow";
        SongRequest request = SongRequest.builder().prompt(lyrics).style(seed % 3 == 0 ? "dark synthwave" : "pop rock, 112 bpm")
            .title("T").customMode(true).vocalGender(centre >= 60 ? "m" : "f").personaId("persona_1").seed(seed).build();
        for (ClipPlan clip : own.plan(request).clips()) {
          Part vocal = clip.arrangement().part("vocal").orElseThrow();
          assertThat(medianPitch(vocal)).as("seed %d, key %s", seed, clip.arrangement().key()).isCloseTo(centre, within(2.0));
        }
      }
    }
  }

  @Test
  void instrumental_has_no_vocal_part_and_no_words() {
    SongPlan plan = studio.plan(custom(null, "techno", "Pulse", true, 2));
    assertThat(plan.lyrics()).isNull();
    for (ClipPlan clip : plan.clips()) {
      assertThat(clip.arrangement().parts()).noneMatch(p -> p.role() == PartRole.VOCAL);
      assertThat(clip.words()).isEmpty();
      assertThat(clip.voice()).isNull();
    }
  }

  @Test
  void simple_mode_songs_last_one_and_a_half_to_four_minutes() {
    for (String style : List.of("lo-fi hip hop", "drum and bass", "acoustic folk ballad", "punk", "ambient")) {
      for (long seed = 0; seed < 3; seed++) {
        SongPlan plan = studio.plan(simple("a song about the sea", style, seed));
        assertThat(plan.lyrics()).isNotBlank();
        for (ClipPlan clip : plan.clips()) {
          assertThat(clip.durationSeconds()).as(style).isBetween(90.0, 240.0);
        }
      }
    }
  }

  @Test
  void no_clip_exceeds_the_models_maximum_length() {
    String longLyrics = (LYRICS + "\n").repeat(30);
    SongRequest v4 = SongRequest.builder().prompt(longLyrics).style("ballad, 60 bpm").title("Long").customMode(true).model("V4").seed(1).build();
    for (ClipPlan clip : studio.plan(v4).clips()) {
      assertThat(clip.durationSeconds()).isLessThanOrEqualTo(240.0);
      clip.words().forEach(w -> assertThat(w.endS()).isLessThanOrEqualTo(clip.durationSeconds()));
    }
    SongRequest capped = SongRequest.builder().prompt(longLyrics).style("pop").title("Long").customMode(true).seed(1).maxLength(Duration.ofSeconds(60)).build();
    assertThat(studio.plan(capped).clips().get(0).durationSeconds()).isLessThanOrEqualTo(60.0);
  }

  @Test
  void negative_tags_remove_instruments() {
    SongRequest withPiano = custom(LYRICS, "pop with piano", "P", false, 1);
    SongRequest noPiano = SongRequest.builder().prompt(LYRICS).style("pop with piano").title("P").customMode(true).negativeTags("piano, drums").seed(1).build();
    assertThat(programs(studio.plan(withPiano).clips().get(0).arrangement())).contains(0);
    Arrangement without = studio.plan(noPiano).clips().get(0).arrangement();
    assertThat(programs(without)).doesNotContain(0, 1, 2, 3);
    assertThat(without.parts()).noneMatch(Part::drums);
  }

  @Test
  void planning_is_deterministic_and_fast() {
    long start = System.nanoTime();
    SongPlan a = studio.plan(simple("summer road trip", "pop", 11));
    SongPlan b = studio.plan(simple("summer road trip", "pop", 11));
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
    assertThat(a).isEqualTo(b);
  }

  static Part vocal(ClipPlan clip) {
    return clip.arrangement().part("vocal").orElseThrow();
  }
}
