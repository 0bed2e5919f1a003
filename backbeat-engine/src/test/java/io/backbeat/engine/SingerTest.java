package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.engine.compose.Arrangement;
import io.backbeat.engine.compose.Part;
import io.backbeat.engine.render.PartRenderer;
import io.backbeat.engine.render.Stem;
import io.backbeat.engine.voice.Singer;
import io.backbeat.engine.voice.VoiceTimbre;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The singer on a planned song (no instruments rendered): where its sound is, and is not. */
class SingerTest {
  static final int RATE = PartRenderer.SAMPLE_RATE;
  @TempDir static Path dir;
  static Studio studio;
  static ClipPlan clip;
  static Stem vocal;

  @BeforeAll
  static void sing() {
    studio = new Studio(new StudioConfig(null, dir.resolve("work"), 1));
    SongPlan plan = studio.plan(SongRequest.builder()
        .prompt("[Verse]\nSilver shadows sing a simple song\nStay with me\n").style("pop, 100 bpm").title("S")
        .customMode(true).instrumental(false).model("V5").vocalGender("m").seed(3).maxLength(Duration.ofSeconds(40)).build());
    clip = plan.clips().get(0);
    vocal = new Singer().sing(clip.arrangement(), part(), clip.voice(), frames());
  }

  @AfterAll
  static void close() {
    studio.close();
  }

  static Part part() {
    return clip.arrangement().part("vocal").orElseThrow();
  }

  static int frames() {
    return (int) Math.ceil(clip.arrangement().durationSeconds() * RATE);
  }

  static double rmsDb(float[] x, double fromSeconds, double toSeconds) {
    int from = Math.max(0, (int) (fromSeconds * RATE));
    int to = Math.min(x.length, (int) (toSeconds * RATE));
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i] * x[i];
    }
    return 10 * Math.log10(Math.max(sum / Math.max(1, to - from), 1e-20));
  }

  /** A crude high-pass (first difference, twice): what is left is mostly above ~5 kHz. */
  static float[] highs(float[] x) {
    float[] y = new float[x.length];
    for (int i = 2; i < x.length; i++) {
      y[i] = x[i] - 2 * x[i - 1] + x[i - 2];
    }
    return y;
  }

  @Test
  void every_word_is_sung_where_its_timing_says_and_there_is_silence_before_the_first() {
    for (WordTiming w : clip.words()) {
      assertThat(rmsDb(vocal.left(), w.startS(), Math.max(w.endS(), w.startS() + 0.05)))
          .as("word %s at %.2f s", w.word(), w.startS()).isGreaterThan(-45);
    }
    double first = clip.words().get(0).startS();
    assertThat(rmsDb(vocal.left(), 0, first - 0.5)).isLessThan(-90);
  }

  @Test
  void an_s_onset_is_sung_before_the_beat_so_the_vowel_lands_on_it() {
    WordTiming silver = clip.words().get(0);
    assertThat(silver.word()).isEqualTo("Silver");
    float[] hiss = highs(vocal.left());
    double before = rmsDb(hiss, silver.startS() - 0.12, silver.startS() - 0.01);
    double after = rmsDb(hiss, silver.startS() + 0.03, silver.startS() + 0.12);
    assertThat(before).as("the s before the beat").isGreaterThan(after + 6);
    assertThat(rmsDb(vocal.left(), silver.startS() + 0.03, silver.startS() + 0.12))
        .as("the vowel on the beat").isGreaterThan(rmsDb(vocal.left(), silver.startS() - 0.12, silver.startS() - 0.01));
  }

  @Test
  void the_same_score_is_sung_the_same_way_and_a_persona_timbre_changes_it() {
    Stem again = new Singer().sing(clip.arrangement(), part(), clip.voice(), frames());
    assertThat(again.left()).isEqualTo(vocal.left());
    VoiceTimbre higher = new VoiceTimbre(1.2, 0, 5, 0.3, 0.05, 0, 0);
    Stem other = new Singer().sing(clip.arrangement(), part(), clip.voice().withTimbre(higher), frames());
    assertThat(other.left()).isNotEqualTo(vocal.left());
    WordTiming w = clip.words().get(0);
    assertThat(rmsDb(other.left(), w.startS(), w.endS())).isGreaterThan(-45);
  }

  @Test
  void the_arrangement_is_unchanged_by_singing() {
    Arrangement a = clip.arrangement();
    assertThat(a.words()).hasSize(clip.words().size());
    assertThat(a.syllables()).hasSize(part().notes().size());
  }
}
