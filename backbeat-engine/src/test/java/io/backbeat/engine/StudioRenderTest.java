package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.analysis.Loudness;
import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.analysis.TempoEstimator;
import io.backbeat.engine.compose.NoteEvent;
import io.backbeat.engine.encode.AudioDecoder;
import io.backbeat.engine.encode.DecodedAudio;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real output: short custom-mode songs are rendered once, then their MP3s are decoded with FFmpeg
 * and measured (length, format, loudness, true peak, tempo) and their files checked.
 */
class StudioRenderTest {
  @TempDir static Path dir;
  static Studio studio;
  static SongRequest houseRequest;
  static SongPlan house;
  static List<RenderedClip> houseClips;
  static RenderedClip houseAgain;
  static RenderedClip hipHop;
  static RenderedClip drumAndBass;

  @BeforeAll
  static void render() throws Exception {
    studio = new Studio(new StudioConfig(null, dir.resolve("work"), 2));
    houseRequest = StudioPlanTest.custom(StudioPlanTest.LYRICS, "house, 124 bpm", "Neon Street", false, 21);
    house = studio.plan(houseRequest);
    houseClips = studio.renderAll(house, dir.resolve("house"));
    houseAgain = studio.render(studio.plan(houseRequest), 0, dir.resolve("again"));
    SongRequest beat = SongRequest.builder().style("hip hop 90 bpm").title("Boom").customMode(true).instrumental(true).seed(8).maxLength(Duration.ofSeconds(50)).build();
    hipHop = studio.render(studio.plan(beat), 0, dir.resolve("hiphop"));
    SongRequest dnb = StudioPlanTest.custom(StudioPlanTest.LYRICS, "drum and bass 174 bpm", "Rush", false, 21);
    drumAndBass = studio.render(studio.plan(dnb), 0, dir.resolve("dnb"));
  }

  @AfterAll
  static void close() {
    studio.close();
  }

  @Test
  void each_mp3_is_a_44k1_stereo_song_of_the_planned_length_at_minus_14_lufs_without_clipping() throws Exception {
    for (RenderedClip clip : houseClips) {
      DecodedAudio audio = AudioDecoder.decode(clip.mp3());
      assertThat(audio.sampleRate()).isEqualTo(44100);
      assertThat(audio.channelCount()).isEqualTo(2);
      assertThat(audio.durationSeconds()).isCloseTo(clip.durationSeconds(), within(0.1));
      assertThat(audio.durationSeconds()).isBetween(30.0, 8 * 60.0);
      Loudness loudness = LoudnessMeter.measure(audio.channels(), audio.sampleRate());
      assertThat(loudness.samplePeakDbfs()).isGreaterThan(-10); // not silence
      assertThat(loudness.integratedLufs()).isCloseTo(-14.0, within(1.5));
      assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
    }
  }

  @Test
  void the_explicit_124_bpm_is_what_the_tempo_estimator_hears() throws Exception {
    for (RenderedClip clip : houseClips) {
      DecodedAudio audio = AudioDecoder.decode(clip.mp3());
      assertThat(clip.bpm()).isEqualTo(124);
      assertThat(TempoEstimator.estimate(audio.channels(), audio.sampleRate()).bpm()).isCloseTo(124, within(2.0));
    }
  }

  @Test
  void an_instrumental_hip_hop_beat_at_90_bpm_reads_90_and_has_no_vocal_stem() throws Exception {
    DecodedAudio audio = AudioDecoder.decode(hipHop.mp3());
    assertThat(TempoEstimator.estimate(audio.channels(), audio.sampleRate()).bpm()).isCloseTo(90, within(2.0));
    assertThat(audio.durationSeconds()).isLessThanOrEqualTo(50.0);
    assertThat(hipHop.stemsWav()).doesNotContainKey("vocal").containsKeys("drums", "bass");
    assertThat(hipHop.words()).isEmpty();
    Loudness loudness = LoudnessMeter.measure(audio.channels(), audio.sampleRate());
    assertThat(loudness.integratedLufs()).isCloseTo(-14.0, within(1.5));
    assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
  }

  @Test
  void drum_and_bass_at_174_bpm_reads_174_not_the_half_time_87() throws Exception {
    DecodedAudio audio = AudioDecoder.decode(drumAndBass.mp3());
    assertThat(drumAndBass.bpm()).isEqualTo(174);
    assertThat(TempoEstimator.estimate(audio.channels(), audio.sampleRate()).bpm()).isCloseTo(174, within(2.0));
  }

  @Test
  void the_two_clips_differ_but_share_title_and_lyrics() throws Exception {
    RenderedClip a = houseClips.get(0);
    RenderedClip b = houseClips.get(1);
    assertThat(a.title()).isEqualTo("Neon Street").isEqualTo(b.title());
    assertThat(house.lyrics()).isEqualTo(StudioPlanTest.LYRICS);
    assertThat(Files.readAllBytes(a.mp3())).isNotEqualTo(Files.readAllBytes(b.mp3()));
    List<Integer> melodyA = StudioPlanTest.vocal(house.clips().get(0)).notes().stream().map(NoteEvent::pitch).toList();
    List<Integer> melodyB = StudioPlanTest.vocal(house.clips().get(1)).notes().stream().map(NoteEvent::pitch).toList();
    assertThat(melodyA).isNotEqualTo(melodyB);
    assertThat(a.words()).extracting(WordTiming::word).isEqualTo(b.words().stream().map(WordTiming::word).toList());
  }

  @Test
  void the_same_request_and_seed_give_the_same_mp3_bytes() throws Exception {
    assertThat(Files.readAllBytes(houseAgain.mp3())).isEqualTo(Files.readAllBytes(houseClips.get(0).mp3()));
    assertThat(Files.readAllBytes(houseAgain.coverJpeg())).isEqualTo(Files.readAllBytes(houseClips.get(0).coverJpeg()));
  }

  @Test
  void stems_are_44k1_wavs_one_per_part_including_the_vocal() throws Exception {
    RenderedClip clip = houseClips.get(0);
    assertThat(clip.stemsWav()).containsKeys("drums", "bass", "keys", "vocal");
    for (Path wav : clip.stemsWav().values()) {
      DecodedAudio audio = AudioDecoder.decode(wav);
      assertThat(audio.sampleRate()).isEqualTo(44100);
      assertThat(audio.channelCount()).isEqualTo(2);
      assertThat(audio.durationSeconds()).isCloseTo(clip.durationSeconds(), within(0.01));
    }
    DecodedAudio vocal = AudioDecoder.decode(clip.stemsWav().get("vocal"));
    assertThat(LoudnessMeter.integrated(vocal.channels(), 44100)).isGreaterThan(-40);
  }

  @Test
  void word_timings_are_monotonic_inside_the_clip_and_one_per_sung_word() {
    for (RenderedClip clip : houseClips) {
      int words = StudioPlanTest.LYRICS.lines().filter(l -> !l.startsWith("["))
          .mapToInt(l -> io.backbeat.engine.lyrics.Syllables.words(l).size()).sum();
      assertThat(clip.words()).hasSize(words);
      double previous = 0;
      for (WordTiming w : clip.words()) {
        assertThat(w.startS()).isGreaterThanOrEqualTo(previous);
        assertThat(w.endS()).isGreaterThan(w.startS()).isLessThanOrEqualTo(clip.durationSeconds());
        previous = w.endS();
      }
    }
  }

  @Test
  void the_vocal_is_audible_where_the_words_are_sung() throws Exception {
    RenderedClip clip = houseClips.get(0);
    DecodedAudio vocal = AudioDecoder.decode(clip.stemsWav().get("vocal"));
    WordTiming first = clip.words().get(0);
    int from = (int) (first.startS() * 44100);
    int to = (int) (first.endS() * 44100);
    float peakInWord = 0;
    for (int i = from; i < to; i++) {
      peakInWord = Math.max(peakInWord, Math.abs(vocal.channels()[0][i]));
    }
    float peakBefore = 0;
    for (int i = 0; i < Math.max(0, from - 4410); i++) {
      peakBefore = Math.max(peakBefore, Math.abs(vocal.channels()[0][i]));
    }
    assertThat(peakInWord).isGreaterThan(0.01f);
    assertThat(peakBefore).isLessThan(peakInWord / 10);
  }

  @Test
  void the_cover_is_a_1024_square_jpeg() throws Exception {
    BufferedImage image = ImageIO.read(houseClips.get(0).coverJpeg().toFile());
    assertThat(image.getWidth()).isEqualTo(1024);
    assertThat(image.getHeight()).isEqualTo(1024);
    assertThat(houseClips.get(0).key()).matches("[A-G][b#]? (major|minor)");
  }
}
