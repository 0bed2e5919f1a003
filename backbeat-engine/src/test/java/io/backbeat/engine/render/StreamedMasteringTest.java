package io.backbeat.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.encode.WavReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed mastering of a mix too long to hold is {@link Mastering}'s: the same gain curve and
 * samples, read from its source a block (and a little context) at a time, never whole.
 */
class StreamedMasteringTest {
  @TempDir Path dir;

  /** A quiet, peaky signal (as MasteringTest's): a soft pad with loud drum-like transients, so the limiter works. */
  private static Stem peaky(double seconds, double hitLevel) {
    int n = (int) (44100 * seconds);
    float[] l = new float[n];
    float[] r = new float[n];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      double pad = 0.05 * Math.sin(2 * Math.PI * 220 * i / 44100.0);
      int sinceHit = i % 22050;
      double hit = sinceHit < 4000 ? hitLevel * Math.exp(-sinceHit / 600.0) * (random.nextDouble() * 2 - 1) : 0;
      l[i] = (float) (pad + hit);
      r[i] = (float) (pad * 0.8 + hit);
    }
    return new Stem("mix", l, r);
  }

  /** Arrays as a source that remembers the largest read it served and how many frames it served in all. */
  private static final class Counting implements StreamedMastering.Source {
    private final Stem stem;
    int largestRead;
    long framesRead;

    Counting(Stem stem) {
      this.stem = stem;
    }

    @Override
    public int frames() {
      return stem.frames();
    }

    @Override
    public void read(long from, int count, float[][] out) {
      largestRead = Math.max(largestRead, count);
      framesRead += count;
      for (int c = 0; c < 2; c++) {
        float[] x = stem.channels()[c];
        for (int k = 0; k < count; k++) {
          long i = from + k;
          out[c][k] = i >= 0 && i < x.length ? x[(int) i] : 0f;
        }
      }
    }
  }

  private StreamedMastering.Result stream(Counting source, int block) throws IOException {
    return new StreamedMastering(block).master(source, name -> dir.resolve(block + "-" + name));
  }

  private static float[][] read(Path wav) throws IOException {
    return WavReader.readAll(wav);
  }

  @Test
  void a_streamed_master_gives_the_whole_array_masters_samples_and_report_reading_only_blocks() throws Exception {
    Stem mix = peaky(20, 0.6);
    Mastering.Result whole = new Mastering().master(new Stem("copy", mix.left().clone(), mix.right().clone()));
    for (int block : new int[] {1000, StreamedMastering.BLOCK}) {
      Counting source = new Counting(mix);
      StreamedMastering.Result streamed = stream(source, block);

      assertThat(streamed.report().gainDb()).as("block %d", block).isEqualTo(whole.report().gainDb());
      assertThat(streamed.report().limiterDb()).isEqualTo(whole.report().limiterDb()).isLessThan(0);
      assertThat(streamed.report().inputLufs()).isCloseTo(whole.report().inputLufs(), within(1e-9));
      assertThat(streamed.report().outputLufs()).isCloseTo(whole.report().outputLufs(), within(1e-9));
      assertThat(streamed.report().truePeakDbtp()).isCloseTo(whole.report().truePeakDbtp(), within(1e-6))
          .isLessThanOrEqualTo(Mastering.CEILING_DBTP + 1e-6);
      float[][] out = read(streamed.wav());
      assertThat(Arrays.mismatch(out[0], whole.audio().left())).as("first differing left sample").isEqualTo(-1);
      assertThat(Arrays.mismatch(out[1], whole.audio().right())).as("first differing right sample").isEqualTo(-1);
      // never the whole mix: a block and the limiter's look-ahead and the true peak's context at most
      assertThat(source.largestRead).isLessThanOrEqualTo(block + 66 + 16).isLessThan(mix.frames() / 10);
      assertThat(source.framesRead).isGreaterThanOrEqualTo(3L * mix.frames());
    }
  }

  @Test
  void a_quiet_mix_with_no_limiting_needed_gets_the_same_gain() throws Exception {
    Stem mix = peaky(12, 0.0);
    Mastering.Result whole = new Mastering().master(new Stem("copy", mix.left().clone(), mix.right().clone()));
    StreamedMastering.Result streamed = stream(new Counting(mix), 4096);
    assertThat(streamed.report().gainDb()).isEqualTo(whole.report().gainDb()).isGreaterThan(10);
    assertThat(Arrays.mismatch(read(streamed.wav())[0], whole.audio().left())).isEqualTo(-1);
    assertThat(LoudnessMeter.integrated(read(streamed.wav()), 44100)).isCloseTo(-14.0, within(0.5));
  }

  @Test
  void silence_stays_silent() throws Exception {
    Stem silent = new Stem("mix", new float[44100 * 3], new float[44100 * 3]);
    StreamedMastering.Result streamed = stream(new Counting(silent), 4096);
    assertThat(streamed.report().inputLufs()).isEqualTo(LoudnessMeter.SILENCE);
    float[][] out = read(streamed.wav());
    assertThat(out[0]).hasSize(silent.frames());
    assertThat(LoudnessMeter.samplePeakDb(out)).isEqualTo(LoudnessMeter.SILENCE);
    assertThat(Arrays.mismatch(out[1], silent.right())).isEqualTo(-1);
  }
}
