package io.backbeat.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.source.SourceAudio;
import io.backbeat.engine.source.SourceDecoder;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.engine.theory.Key;
import io.backbeat.engine.theory.Mode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analysis of recordings FFmpeg generated: tempo, grid, key, chords, sections, pitch centre. */
class AudioAnalyzerTest {
  @TempDir Path dir;

  private AudioAnalysis analyse(Path file) throws Exception {
    SourceAudio source = SourceDecoder.decode(file, dir.resolve(file.getFileName() + ".wav"), Duration.ofMinutes(8));
    return AudioAnalyzer.analyse(source.analysis(), source.analysisRate(), source.durationSeconds());
  }

  @Test
  void a_97_bpm_loop_in_a_minor_reads_97_bpm_with_bars_from_zero_in_a_minor() throws Exception {
    AudioAnalysis a = analyse(MediaFixtures.loop(dir.resolve("loop.wav"), 97, 30));
    System.out.println(a);
    assertThat(a.bpm()).isCloseTo(97, within(0.1));
    assertThat(a.downbeatSeconds()).isLessThan(0.02);
    assertThat(a.key()).isEqualTo(new Key(9, Mode.MINOR));
    assertThat(a.durationSeconds()).isCloseTo(30, within(0.01));
    assertThat(a.barChords().subList(0, 4).stream().map(c -> c.symbol()).toList()).containsExactly("Am", "Dm", "E", "Am");
  }
}
