package io.backbeat.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.analysis.LoudnessMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp3EncoderTest {
  @TempDir Path dir;

  private static float[] tone(double frequency, int frames) {
    float[] x = new float[frames];
    for (int i = 0; i < frames; i++) {
      x[i] = (float) (0.25 * Math.sin(2 * Math.PI * frequency * i / 44100));
    }
    return x;
  }

  @Test
  void an_mp3_decodes_back_to_44k1_stereo_of_the_same_length_and_level() throws Exception {
    float[] left = tone(440, 44100 * 3);
    float[] right = tone(660, 44100 * 3);
    Path mp3 = dir.resolve("t.mp3");
    Mp3Encoder.encode(mp3, left, right, 44100, Map.of("title", "Tone"));
    DecodedAudio decoded = AudioDecoder.decode(mp3);
    assertThat(decoded.sampleRate()).isEqualTo(44100);
    assertThat(decoded.channelCount()).isEqualTo(2);
    assertThat(decoded.durationSeconds()).isCloseTo(3.0, within(0.06));
    double before = LoudnessMeter.integrated(new float[][] {left, right}, 44100);
    double after = LoudnessMeter.integrated(decoded.channels(), 44100);
    assertThat(after).isCloseTo(before, within(0.3));
  }

  @Test
  void the_same_audio_encodes_to_the_same_bytes() throws Exception {
    float[] x = tone(330, 44100 * 2);
    Path a = dir.resolve("a.mp3");
    Path b = dir.resolve("b.mp3");
    Mp3Encoder.encode(a, x, x, 44100, Map.of("title", "Same"));
    Mp3Encoder.encode(b, x, x, 44100, Map.of("title", "Same"));
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void wav_files_are_16_bit_pcm_that_ffmpeg_reads() throws Exception {
    float[] x = tone(500, 44100);
    Path wav = dir.resolve("t.wav");
    WavWriter.write(wav, new float[][] {x, x}, 44100);
    assertThat(Files.size(wav)).isEqualTo(44 + 44100L * 4);
    DecodedAudio decoded = AudioDecoder.decode(wav);
    assertThat(decoded.frames()).isEqualTo(44100);
    assertThat(decoded.channels()[0][1000]).isCloseTo(x[1000], within(1e-4f));
  }
}
