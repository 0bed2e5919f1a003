package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.analysis.AudioAnalyzer;
import io.backbeat.engine.compose.SectionPlan;
import io.backbeat.engine.encode.AudioDecoder;
import io.backbeat.engine.encode.DecodedAudio;
import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.source.SourceAudio;
import io.backbeat.engine.source.SourceDecoder;
import io.backbeat.engine.testing.MediaFixtures;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Covers, continuations and overdubs of a 97 bpm loop FFmpeg generated, judged by {@code aubio}
 * and {@code ffprobe} and by reading the samples back.
 */
class UploadStudioTest {
  @TempDir static Path dir;
  static Studio studio;
  static UploadStudio uploads;
  static SourceAudio loop;
  static AudioAnalysis analysis;

  @BeforeAll
  static void setUp() throws Exception {
    studio = new Studio(new StudioConfig(null, dir.resolve("work"), 2));
    uploads = new UploadStudio(studio);
    Path mp3 = MediaFixtures.loop(dir.resolve("loop97.mp3"), 97, 30);
    loop = SourceDecoder.decode(mp3, dir.resolve("loop97.wav"), Duration.ofMinutes(8));
    analysis = AudioAnalyzer.analyse(loop.analysis(), loop.analysisRate(), loop.durationSeconds());
  }

  @AfterAll
  static void close() {
    studio.close();
  }

  private static SongRequest request(String style, boolean instrumental, String lyrics) {
    return SongRequest.builder().prompt(lyrics).style(style).title("Loop Cover").customMode(true).instrumental(instrumental).model("V5").seed(7).build();
  }

  @Test
  void a_cover_keeps_the_loops_tempo_length_and_sections_and_aubio_hears_97_bpm() throws Exception {
    SongPlan plan = uploads.planCover(request("pop, bright", true, null), analysis);
    ClipPlan clip = plan.clips().get(0);
    assertThat(clip.arrangement().groove().tempo().bpm()).isCloseTo(analysis.bpm(), within(1e-9));
    assertThat(clip.arrangement().key()).isEqualTo(analysis.key());
    assertThat(clip.arrangement().sections().stream().mapToInt(SectionPlan::bars).boxed().toList())
        .isEqualTo(analysis.sections().stream().map(AudioAnalysis.Section::bars).toList());
    assertThat(clip.durationSeconds()).isCloseTo(loop.durationSeconds(), within(1e-6));

    RenderedClip cover = uploads.renderCover(plan, 0, dir.resolve("cover"));

    assertThat(MediaFixtures.duration(cover.mp3())).isCloseTo(loop.durationSeconds(), within(0.05));
    double heard = MediaFixtures.aubioBpm(cover.mp3());
    System.out.println("aubio hears the cover at " + heard);
    assertThat(heard).isCloseTo(97, within(97 * 0.02));
  }

  /** The largest sample step in {@code [from, to)}. */
  static double maxStep(float[] x, int from, int to) {
    double max = 0;
    for (int i = Math.max(1, from); i < Math.min(x.length, to); i++) {
      max = Math.max(max, Math.abs(x[i] - x[i - 1]));
    }
    return max;
  }

  @Test
  void a_continuation_is_spliced_on_a_bar_line_lasts_splice_plus_continuation_and_the_join_has_no_click() throws Exception {
    // kick and sustained chords only: no noise, so every sample step is small and a cut would show
    // generated whole, not looped: a loop point would cut the chord mid-cycle
    Path smooth = MediaFixtures.generate(dir.resolve("smooth.wav"), MediaFixtures.expression(97, 1, 0, 0, true), 20);
    SourceAudio source = SourceDecoder.decode(smooth, dir.resolve("smooth-source.wav"), Duration.ofMinutes(8));
    AudioAnalysis a = AudioAnalyzer.analyse(source.analysis(), source.analysisRate(), source.durationSeconds());
    double splice = UploadStudio.spliceAt(a, 12.0);
    System.out.println(a);
    assertThat(a.bpm()).isCloseTo(97, within(0.1));
    // on the grid: the bar line nearest 12 s when within a beat of it, else the nearest beat
    assertThat(splice).isCloseTo(a.nearestGridLine(splice, false), within(1e-3));
    assertThat(Math.abs(splice - 12.0)).isLessThanOrEqualTo(a.beatSeconds());
    SongPlan plan = uploads.planContinuation(request("pop", true, null), a, splice, 60);

    RenderedClip extended = uploads.renderContinuation(plan, 0, source, splice, a, dir.resolve("extended"));

    double continuation = plan.clips().get(0).durationSeconds() - a.barSeconds();
    assertThat(extended.durationSeconds()).isCloseTo(splice + continuation, within(0.001));
    assertThat(MediaFixtures.duration(extended.mp3())).isCloseTo(splice + continuation, within(0.05));
    assertThat(MediaFixtures.duration(extended.mp3())).isGreaterThan(source.durationSeconds());
    float[] out = MediaFixtures.decodeMono(extended.mp3());
    float[] in = MediaFixtures.decodeMono(smooth);
    int s = (int) Math.round(splice * 44100);
    int fade = (int) Math.round(a.beatSeconds() * 44100);
    double before = maxStep(out, s - 3 * 44100, s - fade - 2205); // the recording, before the crossfade
    double atJoin = maxStep(out, s - 30, s + 30);
    // the continuation's own attacks (a real SoundFont's drums are sharp): the join must add none larger
    double after = maxStep(out, s + 2205, s + 3 * 44100);
    System.out.printf("steps: before %.4f, at the join %.4f, after %.4f%n", before, atJoin, after);
    assertThat(atJoin).isLessThanOrEqualTo(Math.max(before, after));
    // the judge can tell: the same two sides butted together without the crossfade jump at the join
    float[] hardCut = java.util.Arrays.copyOf(in, out.length);
    System.arraycopy(out, s, hardCut, s, out.length - s);
    System.out.printf("steps: hard cut %.4f%n", maxStep(hardCut, s - 30, s + 30));
    assertThat(maxStep(hardCut, s - 30, s + 30)).isGreaterThan(2 * before);
    // the recording before the fade is the recording
    assertThat(maxStep(difference(out, in), 44100, s - 44100)).isLessThan(0.02);
  }

  private static float[] difference(float[] a, float[] b) {
    float[] d = new float[Math.min(a.length, b.length)];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  @Test
  void vocals_over_the_loop_give_a_mix_and_a_vocal_stem_exactly_as_long_as_the_upload() throws Exception {
    SongRequest sing = request("pop, female vocals", false, "[Verse]\nCity lights are calling me\nDown the road where I will be\n[Chorus]\nSing it loud, sing it free");
    SongPlan plan = uploads.planOverdub(sing, analysis, UploadStudio.Overdub.VOCALS);
    assertThat(plan.clips().get(0).arrangement().parts()).extracting(p -> p.name()).containsExactly("vocal");

    RenderedClip dub = uploads.renderOverdub(plan, 0, loop, UploadStudio.Overdub.VOCALS, dir.resolve("dub"));

    assertThat(dub.stemsWav()).containsOnlyKeys(UploadStudio.UPLOAD_STEM, "vocal");
    try (WavReader vocal = new WavReader(dub.stemsWav().get("vocal"))) {
      assertThat(vocal.frames()).isEqualTo(loop.frames());
    }
    assertThat(MediaFixtures.duration(dub.stemsWav().get("vocal"))).isCloseTo(loop.durationSeconds(), within(1e-3));
    assertThat(MediaFixtures.duration(dub.mp3())).isCloseTo(loop.durationSeconds(), within(0.05));
    assertThat(dub.words()).isNotEmpty();
  }

  @Test
  void an_accompaniment_under_the_loop_is_mastered_streamed_its_upload_stem_is_the_recording_and_no_spill_is_left() throws Exception {
    SongPlan plan = uploads.planOverdub(request("funk", true, null), analysis, UploadStudio.Overdub.ACCOMPANIMENT);

    RenderedClip dub = uploads.renderOverdub(plan, 0, loop, UploadStudio.Overdub.ACCOMPANIMENT, dir.resolve("accompanied"));

    // mastered like a song: about -14 LUFS (the decoded MP3), under the true-peak ceiling
    DecodedAudio mp3 = AudioDecoder.decode(dub.mp3());
    assertThat(io.backbeat.engine.analysis.LoudnessMeter.integrated(mp3.channels(), mp3.sampleRate())).isCloseTo(-14, within(1.0));
    assertThat(io.backbeat.engine.analysis.TruePeak.dbtp(mp3.channels(), mp3.sampleRate())).isLessThan(-1.0);
    assertThat(dub.stemsWav()).containsKey(UploadStudio.UPLOAD_STEM).hasSizeGreaterThan(2);
    // the upload stem is the recording itself, at one gain (the master's), sample for sample
    float[][] recording = WavReader.readAll(loop.wav());
    float[][] stem = WavReader.readAll(dub.stemsWav().get(UploadStudio.UPLOAD_STEM));
    assertThat(stem[0]).hasSize(recording[0].length);
    int loud = 0;
    for (int i = 1; i < recording[0].length; i++) {
      if (Math.abs(recording[0][i]) > Math.abs(recording[0][loud])) {
        loud = i;
      }
    }
    double gain = stem[0][loud] / recording[0][loud];
    assertThat(gain).isBetween(0.05, 20.0);
    double worst = 0;
    for (int i = 0; i < recording[0].length; i += 7) {
      worst = Math.max(worst, Math.abs(stem[0][i] - gain * recording[0][i]));
    }
    assertThat(worst).isLessThan(2.5e-4); // 16-bit rounding
    try (java.util.stream.Stream<Path> left = java.nio.file.Files.walk(dir.resolve("work"))) {
      assertThat(left.filter(java.nio.file.Files::isRegularFile).toList()).isEmpty();
    }
  }
}
