package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.analysis.Loudness;
import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.analysis.TempoEstimator;
import io.backbeat.engine.encode.AudioDecoder;
import io.backbeat.engine.encode.DecodedAudio;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A full simple-mode song, both clips: the length, loudness and tempo of real, long output. */
@Tag("slow")
class StudioFullSongTest {
  private static final Logger log = LoggerFactory.getLogger(StudioFullSongTest.class);
  @TempDir Path dir;

  @Test
  void a_simple_mode_lo_fi_song_is_one_and_a_half_to_four_minutes_at_80_bpm_and_minus_14_lufs() throws Exception {
    try (Studio studio = new Studio(new StudioConfig(null, dir.resolve("work"), 2))) {
      SongRequest request = StudioPlanTest.simple("rain on the window of a late-night cafe", "lo-fi hip hop, 80 bpm, mellow", 4);
      long start = System.nanoTime();
      SongPlan plan = studio.plan(request);
      List<RenderedClip> clips = studio.renderAll(plan, dir.resolve("out"));
      log.info("Both clips of a {} s song rendered in {} ms", Math.round(clips.get(0).durationSeconds()),
          (System.nanoTime() - start) / 1_000_000);
      assertThat(plan.lyrics()).isNotBlank();
      for (RenderedClip clip : clips) {
        DecodedAudio audio = AudioDecoder.decode(clip.mp3());
        assertThat(audio.durationSeconds()).isBetween(90.0, 240.0);
        Loudness loudness = LoudnessMeter.measure(audio.channels(), audio.sampleRate());
        assertThat(loudness.integratedLufs()).isCloseTo(-14.0, within(1.5));
        assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        assertThat(TempoEstimator.estimate(audio.channels(), audio.sampleRate()).bpm()).isCloseTo(80, within(2.0));
        assertThat(clip.words()).isNotEmpty();
        assertThat(clip.words().get(clip.words().size() - 1).endS()).isLessThanOrEqualTo(clip.durationSeconds());
      }
    }
  }
}
