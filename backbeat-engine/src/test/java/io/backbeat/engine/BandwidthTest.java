package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.engine.render.SoundBank;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No stage of the chain runs at half rate: measured on the released MP3 with FFmpeg and sox, the
 * band just above 11.025 kHz is within 6 dB of the band just below it (a 22.05 kHz stage leaves
 * a 17–19 dB wall there), and the top octave keeps what the instruments have (16–18 kHz within
 * 20 dB of 9.5–10.9 kHz). Played with the default SoundFont, Debian's FluidR3.
 */
@Tag("e2e")
class BandwidthTest {
  private static final Logger log = LoggerFactory.getLogger(BandwidthTest.class);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"house", "rock", "drum and bass 174 bpm", "pop", "synthwave", "hip hop"})
  void there_is_no_wall_at_11_khz_and_content_reaches_18_khz(String style) throws Exception {
    Judges.requireFile(SoundBank.DEFAULT_SOUNDFONT, "fluid-soundfont-gm");
    assertThat(JudgedSongs.soundBank()).contains("FluidR3_GM.sf2");
    RenderedClip clip = JudgedSongs.instrumental(style);
    Path wav = Judges.monoWav(clip.mp3(), 0);
    try {
      double below = Judges.bandDb(wav, 9500, 10900);
      double above = Judges.bandDb(wav, 11150, 12500);
      double top = Judges.bandDb(wav, 16000, 18000);
      log.info("sox bands of {}: 9.5-10.9 kHz {} dB, 11.15-12.5 kHz {} dB, 16-18 kHz {} dB", style,
          String.format("%.1f", below), String.format("%.1f", above), String.format("%.1f", top));
      assertThat(below).as("not silent above 9.5 kHz").isGreaterThan(-70);
      assertThat(above - below).as("%s: level step at 11.025 kHz", style).isGreaterThan(-6);
      assertThat(top - below).as("%s: 16-18 kHz against 9.5-10.9 kHz", style).isGreaterThan(-20);
    } finally {
      Files.deleteIfExists(wav);
    }
  }
}
