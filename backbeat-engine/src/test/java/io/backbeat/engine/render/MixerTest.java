package io.backbeat.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.engine.compose.Part;
import io.backbeat.engine.compose.PartRole;
import io.backbeat.engine.encode.WavReader;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed mix ({@link Mixer#mixTo}) is the whole-array mix ({@link Mixer#mix}): the same
 * placements and, read through its source, the same samples, across many chunk edges.
 */
class MixerTest {
  @TempDir Path dir;

  private static Stem noisy(String name, int frames, long seed, double level) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] l = new float[frames];
    float[] r = new float[frames];
    for (int i = 0; i < frames; i++) {
      double tone = Math.sin(2 * Math.PI * (110 + seed * 40) * i / 44100.0);
      l[i] = (float) (level * (tone + 0.3 * (random.nextDouble() * 2 - 1)));
      r[i] = (float) (level * (tone * 0.7 + 0.3 * (random.nextDouble() * 2 - 1)));
    }
    return new Stem(name, l, r);
  }

  @Test
  void a_streamed_mix_gives_the_samples_and_placements_of_the_whole_array_mix() throws Exception {
    int frames = 3 * (1 << 15) + 1234; // several chunks and a short last one
    List<Part> parts = List.of(
        new Part("drums", PartRole.DRUMS, 0, true, List.of(), 0, 0, 0.1),
        new Part("bass", PartRole.BASS, 33, false, List.of(), -2, -0.3, 0),
        new Part("pad", PartRole.PAD, 89, false, List.of(), 1, 0.6, 0.6));
    List<Stem> stems = List.of(noisy("drums", frames, 1, 0.4), noisy("bass", frames, 2, 0.2), noisy("pad", frames, 3, 0.05));
    double[] loudness = {-18, -22, -35};
    List<StemAudio> held = stems.stream().<StemAudio>map(StemAudio.Held::new).toList();
    Mixer mixer = new Mixer();

    Mixer.SpilledMix streamed = mixer.mixTo(parts, held, loudness, dir.resolve("mix.f32.wav"));
    Mixer.Mix whole = mixer.mix(parts, held, loudness);

    assertThat(streamed.frames()).isEqualTo(frames);
    for (int i = 0; i < parts.size(); i++) {
      assertThat(streamed.stems().get(i).leftGain()).isEqualTo(whole.stems().get(i).leftGain());
      assertThat(streamed.stems().get(i).rightGain()).isEqualTo(whole.stems().get(i).rightGain());
    }
    float[][] read = new float[2][frames];
    try (WavReader reader = new WavReader(streamed.wav())) {
      streamed.source(reader).read(0, frames, read);
    }
    assertThat(read[0]).isEqualTo(whole.master().left());
    assertThat(read[1]).isEqualTo(whole.master().right());
    float peak = 0;
    for (float x : read[0]) {
      peak = Math.max(peak, Math.abs(x));
    }
    assertThat(peak).isGreaterThan(0.4f); // the headroom gain was applied: the peak sits at −6 dBFS
  }

  @Test
  void the_reverb_tank_fed_in_blocks_gives_the_whole_array_reverb() {
    int frames = 50_000;
    float[] send = noisy("send", frames, 4, 0.3).left();
    float[] left = new float[frames];
    float[] right = new float[frames];
    new Reverb(0.75f, 0.45f).addTo(send, left, right);

    float[][] wet = new float[2][frames];
    ReverbTank[] tanks = {new ReverbTank(0.75f, 0.45f, 0), new ReverbTank(0.75f, 0.45f, ReverbTank.SPREAD)};
    for (int c = 0; c < 2; c++) {
      float[] block = new float[777];
      float[] out = new float[777];
      for (int at = 0; at < frames; at += block.length) {
        int count = Math.min(block.length, frames - at);
        System.arraycopy(send, at, block, 0, count);
        tanks[c].process(block, count, out);
        System.arraycopy(out, 0, wet[c], at, count);
      }
    }
    assertThat(wet[0]).isEqualTo(left);
    assertThat(wet[1]).isEqualTo(right);
    assertThat(left[frames - 1]).isNotZero();
  }
}
