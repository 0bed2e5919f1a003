package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavStreamWriter;
import io.backbeat.engine.render.Stem;
import io.backbeat.engine.render.StemAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stems placed on a timeline are written the same from memory and from a file read in order. */
class AudioLevelsTest {
  @TempDir Path dir;

  @Test
  void a_stem_read_from_disk_is_placed_like_the_same_stem_in_memory_cut_or_delayed_with_its_fade() throws Exception {
    int frames = 100_000; // three blocks and a bit
    float[] left = new float[frames];
    float[] right = new float[frames];
    for (int i = 0; i < frames; i++) {
      left[i] = (float) (0.5 * Math.sin(i * 0.01));
      right[i] = (float) (0.4 * Math.cos(i * 0.013));
    }
    Stem stem = new Stem("part", left, right);
    StemAudio onDisk = StemAudio.OnDisk.spill(stem, dir.resolve("part.f32.wav"));
    float[] fade = new float[2_000];
    for (int i = 0; i < fade.length; i++) {
      fade[i] = i / (float) fade.length;
    }
    AudioLevels.Envelope envelope = new AudioLevels.Envelope(40_000, fade);
    for (int offset : new int[] {-70_000, -5_000, 0, 3_000}) {
      Path fromMemory = dir.resolve("held" + offset + ".wav");
      Path fromDisk = dir.resolve("disk" + offset + ".wav");
      float[] gains = {0.8f, 0.6f};
      AudioLevels.writePlaced(fromMemory, new StemAudio.Held(stem), gains, envelope, offset, 90_000);
      AudioLevels.writePlaced(fromDisk, onDisk, gains, envelope, offset, 90_000);
      assertThat(Files.readAllBytes(fromDisk)).as("offset %d", offset).isEqualTo(Files.readAllBytes(fromMemory));
      float[][] written = WavReader.readAll(fromDisk);
      assertThat(written[0]).hasSize(90_000);
      // output frame o holds stem frame o − offset, scaled, 16-bit
      int o = 50_000;
      int i = o - offset;
      float expected = i >= 0 && i < frames ? left[i] * 0.8f * envelope.at(i) : 0f;
      assertThat(written[0][o]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4f));
    }
  }

  @Test
  void a_float_spill_keeps_every_sample_and_reads_back_only_its_frames() throws Exception {
    Path wav = dir.resolve("spill.wav");
    float[][] audio = {{1.5f, -2f, 1e-9f, 0.25f}, {0f, -0f, 3f, -0.125f}};
    try (WavStreamWriter out = WavStreamWriter.float32(wav, 2, 44100)) {
      out.write(audio, 0, 4);
    }
    assertThat(WavReader.readAll(wav)[0]).containsExactly(audio[0]);
    assertThat(WavReader.readAll(wav)[1]).containsExactly(audio[1]);
    float[][] out = new float[2][4];
    try (StemAudio.Reader reader = new StemAudio.OnDisk("x", wav, 3).open()) {
      assertThat(reader.readFully(out, 0, 4)).isEqualTo(3);
    }
    assertThat(out[0]).containsExactly(1.5f, -2f, 1e-9f, 0f);
  }
}
