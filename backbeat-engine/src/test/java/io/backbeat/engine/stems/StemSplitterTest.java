package io.backbeat.engine.stems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavWriter;
import io.backbeat.engine.testing.MediaFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouped stems and the remainder add up to the mix, also where a group peaks above full scale
 * (the parts carry no limiter), in files FFmpeg reads as 32-bit float WAVs of the mix's length.
 */
class StemSplitterTest {
  @TempDir Path dir;

  private static float[][] tone(int frames, double hz, double level) {
    float[][] x = new float[2][frames];
    for (int i = 0; i < frames; i++) {
      x[0][i] = (float) (level * Math.sin(2 * Math.PI * hz * i / 44100));
      x[1][i] = (float) (level * 0.5 * Math.sin(2 * Math.PI * hz * i / 44100 + 1));
    }
    return x;
  }

  @Test
  void groups_and_remainder_sum_back_to_the_mix_even_above_full_scale() throws Exception {
    int frames = 44100 * 3 + 123;
    float[][] drums = tone(frames, 110, 0.9);
    float[][] keys = tone(frames, 440, 0.8);
    float[][] pad = tone(frames - 5000, 660, 0.7); // shorter than the mix: silent after its end
    float[][] mix = new float[2][frames];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < frames; i++) {
        // a "limited" mix: the sum squashed, so the remainder is far from zero and peaks high
        float sum = drums[c][i] + keys[c][i] + (i < pad[c].length ? pad[c][i] : 0);
        mix[c][i] = (float) Math.tanh(sum) * 0.9f;
      }
    }
    Path mixWav = dir.resolve("mix.wav");
    WavWriter.write(mixWav, mix, 44100);
    Path drumsWav = dir.resolve("drums.wav");
    Path keysWav = dir.resolve("keys.wav");
    Path padWav = dir.resolve("pad.wav");
    WavWriter.write(drumsWav, drums, 44100);
    WavWriter.write(keysWav, keys, 44100);
    WavWriter.write(padWav, pad, 44100);
    Map<String, Path> out = Map.of("drums", dir.resolve("o-drums.wav"), "synth", dir.resolve("o-synth.wav"), "fx", dir.resolve("o-fx.wav"));

    long written = StemSplitter.split(mixWav, Map.of("drums", List.of(drumsWav), "synth", List.of(keysWav, padWav)), "fx", out);

    assertThat(written).isEqualTo(frames);
    float[][] reference = WavReader.readAll(mixWav);
    float[] summed = null;
    for (Path stem : out.values()) {
      assertThat(MediaFixtures.duration(stem)).isCloseTo(frames / 44100.0, within(1e-4));
      float[] x = MediaFixtures.decodeMono(stem);
      assertThat(x).hasSize(frames);
      if (summed == null) {
        summed = x;
      } else {
        for (int i = 0; i < frames; i++) {
          summed[i] += x[i];
        }
      }
    }
    float[] mono = MediaFixtures.decodeMono(mixWav);
    double worst = 0;
    for (int i = 0; i < frames; i++) {
      worst = Math.max(worst, Math.abs(summed[i] - mono[i]));
    }
    // the synth group peaks above full scale (keys 0.8 + pad 0.7): a 16-bit stem would have clipped it
    float[] left = leftOf(out.get("synth"));
    float peak = 0;
    for (float v : left) {
      peak = Math.max(peak, Math.abs(v));
    }
    assertThat(peak).isGreaterThan(1.2f);
    assertThat(reference[0]).hasSize(frames);
    assertThat(worst).as("largest difference of the summed stems from the mix").isLessThan(2e-4);
  }

  /** The left channel as Debian's ffmpeg decodes it to float. */
  private static float[] leftOf(Path file) throws Exception {
    Path raw = Path.of(file + ".f32");
    MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-i", file.toString(), "-af", "pan=mono|c0=c0", "-f", "f32le", raw.toString()));
    java.nio.FloatBuffer pcm = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(raw)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] out = new float[pcm.remaining()];
    pcm.get(out);
    return out;
  }
}
