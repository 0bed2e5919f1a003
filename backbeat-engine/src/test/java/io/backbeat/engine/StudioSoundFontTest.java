package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.analysis.Loudness;
import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.analysis.TempoEstimator;
import io.backbeat.engine.encode.AudioDecoder;
import io.backbeat.engine.encode.DecodedAudio;
import io.backbeat.engine.render.SoundBank;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code BACKBEAT_SOUNDFONT} path: a song played by a real General MIDI SoundFont (Debian's
 * small TimGM6mb) instead of Gervill's built-in bank still lands at −14 LUFS under −1 dBTP.
 * Skipped where the package is not installed, except in CI, which must exercise it.
 */
class StudioSoundFontTest {
  static final Path TIMGM6MB = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");

  @TempDir Path dir;

  @Test
  void a_song_played_by_a_general_midi_soundfont_is_at_minus_14_lufs_under_minus_1_dbtp() throws Exception {
    Path font = timGm6mb();
    SoundBank bank = SoundBank.load(font);
    assertThat(bank.builtIn()).isFalse();
    try (Studio studio = new Studio(new StudioConfig(font, dir.resolve("work"), 2))) {
      SongPlan plan = studio.plan(StudioPlanTest.custom(StudioPlanTest.LYRICS, "pop, 100 bpm", "Neon", false, 21));
      List<RenderedClip> clips = studio.renderAll(plan, dir.resolve("out"));
      for (RenderedClip clip : clips) {
        DecodedAudio audio = AudioDecoder.decode(clip.mp3());
        assertThat(audio.durationSeconds()).isCloseTo(clip.durationSeconds(), within(0.1));
        Loudness loudness = LoudnessMeter.measure(audio.channels(), audio.sampleRate());
        assertThat(loudness.integratedLufs()).isCloseTo(-14.0, within(1.5));
        assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        assertThat(TempoEstimator.estimate(audio.channels(), audio.sampleRate()).bpm()).isCloseTo(100, within(2.0));
        DecodedAudio vocal = AudioDecoder.decode(clip.stemsWav().get("vocal"));
        assertThat(LoudnessMeter.integrated(vocal.channels(), 44100)).isGreaterThan(-40);
      }
    }
  }

  /** The installed SoundFont; in CI its absence is a failure, elsewhere a skip. */
  static Path timGm6mb() {
    if (Files.isRegularFile(TIMGM6MB)) {
      return TIMGM6MB;
    }
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank()) {
      Assertions.fail(TIMGM6MB + " is missing: CI must exercise the BACKBEAT_SOUNDFONT path. Install "
          + "Debian's timgm6mb-soundfont (apt-get install -y timgm6mb-soundfont; .ci/run tries to).");
    }
    Assumptions.abort(TIMGM6MB + " is not installed (apt-get install timgm6mb-soundfont); skipping");
    return null;
  }
}
