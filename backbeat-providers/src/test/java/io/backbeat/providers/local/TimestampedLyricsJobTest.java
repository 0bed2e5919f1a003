package io.backbeat.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampedLyricsJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> sung(String... words) {
    List<JsonNode> out = new ArrayList<>();
    double t = 1;
    for (String w : words) {
      out.add(JSON.createObjectNode().put("word", w).put("startS", t).put("endS", t + 0.4));
      t += 0.5;
    }
    return out;
  }

  @Test
  void sung_words_take_the_lyrics_spelling_and_the_first_word_of_a_section_carries_its_tag() {
    List<TimestampedLyricsJob.LyricWord> lyrics = TimestampedLyricsJob.lyricWords("[Verse]\nWaggin' tails,\nall day\n\n[Chorus]\nHome again");
    ArrayNode out = JSON.createArrayNode();
    TimestampedLyricsJob.align(sung("waggin'", "tails", "all", "day", "home", "again"), lyrics, out);
    assertThat(out).hasSize(6);
    assertThat(out.get(0).path("word").asText()).isEqualTo("[Verse]\nWaggin'");
    assertThat(out.get(1).path("word").asText()).isEqualTo("tails,");
    assertThat(out.get(4).path("word").asText()).isEqualTo("[Chorus]\nHome");
    assertThat(out.findValuesAsText("success")).containsOnly("true");
    assertThat(out.get(0).path("startS").asDouble()).isEqualTo(1.0);
    assertThat(out.get(0).path("endS").asDouble()).isEqualTo(1.4);
    assertThat(out.get(0).path("palign").isInt()).isTrue();
  }

  @Test
  void a_word_not_in_the_lyrics_is_kept_with_its_time_and_marked_unaligned() {
    List<TimestampedLyricsJob.LyricWord> lyrics = TimestampedLyricsJob.lyricWords("one two three");
    ArrayNode out = JSON.createArrayNode();
    TimestampedLyricsJob.align(sung("one", "ooh", "two", "three"), lyrics, out);
    assertThat(out.get(1).path("success").asBoolean()).isFalse();
    assertThat(out.get(2).path("success").asBoolean()).isTrue();
  }

  @Test
  void the_character_error_rate_is_zero_for_the_lyrics_as_written_and_grows_with_mistakes() {
    List<TimestampedLyricsJob.LyricWord> lyrics = TimestampedLyricsJob.lyricWords("[Verse]\nhello there world");
    assertThat(TimestampedLyricsJob.characterErrorRate(lyrics, sung("Hello", "there,", "world"))).isEqualTo(0);
    double one = TimestampedLyricsJob.characterErrorRate(lyrics, sung("hello", "where", "world"));
    assertThat(one).isCloseTo(1 / 17.0, within(1e-9));
    assertThat(TimestampedLyricsJob.characterErrorRate(lyrics, sung("hello"))).isGreaterThan(one);
  }

  @Test
  void the_waveform_follows_the_signal_and_its_loudest_slice_is_one() {
    int rate = 1000;
    float[] mono = new float[10 * rate];
    for (int i = 5 * rate; i < mono.length; i++) {
      mono[i] = (float) (0.5 * Math.sin(i * 0.3));
    }
    double[] wave = TimestampedLyricsJob.waveform(mono, rate, 10);
    assertThat(wave).hasSize(50);
    assertThat(wave[0]).isEqualTo(0);
    assertThat(wave[49]).isCloseTo(1, within(0.01));
    assertThat(TimestampedLyricsJob.waveform(new float[0], rate, 0)).hasSize(50).containsOnly(0.0);
  }
}
