package io.backbeat.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct mono/stereo writer gives the bytes FFmpeg's bitexact wav muxer writes. */
class WavWriterTest {
  @TempDir Path dir;

  /** Noise past full scale (clamped) and odd lengths (a last partial chunk). */
  private static float[] noise(long seed, int frames) {
    Random random = new Random(seed);
    float[] x = new float[frames];
    for (int i = 0; i < frames; i++) {
      x[i] = (float) (random.nextGaussian() * 0.6);
    }
    return x;
  }

  @Test
  void mono_and_stereo_files_are_byte_for_byte_what_the_ffmpeg_muxer_writes() throws Exception {
    for (int channels = 1; channels <= 2; channels++) {
      int frames = (1 << 15) * 2 + 1234;
      float[][] audio = new float[channels][];
      for (int c = 0; c < channels; c++) {
        audio[c] = noise(c + 7, frames);
      }
      Path direct = dir.resolve("direct-" + channels + ".wav");
      Path muxed = dir.resolve("muxed-" + channels + ".wav");
      WavWriter.write(direct, audio, 22050);
      try (WavStreamWriter out = new WavStreamWriter(muxed, channels, 22050)) { // FFmpeg's wav muxer, same rounding
        out.write(audio, 0, frames);
      }
      assertThat(Files.size(direct)).isEqualTo(44 + (long) frames * channels * 2);
      assertThat(Files.readAllBytes(direct)).isEqualTo(Files.readAllBytes(muxed));
    }
  }

  @Test
  void an_existing_longer_file_is_replaced_not_left_with_its_tail() throws Exception {
    Path wav = dir.resolve("again.wav");
    WavWriter.write(wav, new float[][] {noise(1, 50_000), noise(2, 50_000)}, 44100);
    WavWriter.write(wav, new float[][] {noise(3, 1_000), noise(4, 1_000)}, 44100);
    assertThat(Files.size(wav)).isEqualTo(44 + 1_000L * 4);
  }
}
