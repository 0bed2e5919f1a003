package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tempo a listener's beat tracker hears: aubio's {@code aubio beat} on the MP3 of a short
 * instrumental per genre, within 2 % of the planned tempo (octave errors allowed: a tracker may
 * tap half or double time), drum and bass at 174 included, where a 3:2 reading (116) fails.
 */
@Tag("e2e")
class TempoByAubioTest {
  private static final Logger log = LoggerFactory.getLogger(TempoByAubioTest.class);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"drum and bass 174 bpm", "drum and bass", "house", "techno", "trance", "dubstep",
      "hip hop", "lo-fi hip hop", "trap", "pop", "rock", "punk", "funk", "disco", "r&b", "reggae",
      "reggaeton", "afrobeats", "jazz", "bossa nova", "folk", "country", "piano ballad", "synthwave",
      "metal", "orchestral"})
  void aubio_hears_the_planned_tempo_within_2_percent(String style) throws Exception {
    RenderedClip clip = JudgedSongs.instrumental(style);
    double heard = Judges.aubioBpm(clip.mp3());
    log.info("aubio beat: {} planned {} bpm, heard {} bpm", style, clip.bpm(), String.format("%.2f", heard));
    if (style.contains("174")) {
      assertThat(clip.bpm()).isEqualTo(174);
    }
    assertThat(Judges.tempoError(heard, clip.bpm()))
        .as("%s: planned %d bpm, aubio heard %.2f", style, clip.bpm(), heard).isLessThanOrEqualTo(0.02);
  }

  /** Sanity of the judge itself: the 3:2 misreading of 174 (116) is not within 2 % of any octave. */
  @org.junit.jupiter.api.Test
  void a_three_to_two_misreading_is_not_an_octave_error() {
    List<Double> errors = new ArrayList<>();
    errors.add(Judges.tempoError(116, 174));
    errors.add(Judges.tempoError(87, 174));
    errors.add(Judges.tempoError(348, 174));
    assertThat(errors.get(0)).isGreaterThan(0.02);
    assertThat(errors.get(1)).isLessThan(0.001);
    assertThat(errors.get(2)).isLessThan(0.001);
  }
}
