package io.backbeat.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.analysis.LoudnessMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  void segments_encoded_in_parallel_give_the_sequential_bytes_and_decode_seamlessly() throws Exception {
    // 70 s: two segments, one seam at 1200 MP3 frames (1,382,400 samples).
    int frames = 44100 * 70 + 123;
    float[] left = tone(440, frames);
    float[] right = tone(550, frames);
    assertThat(Mp3Encoder.segments(frames)).hasSize(2);
    Path sequential = dir.resolve("sequential.mp3");
    Path parallel = dir.resolve("parallel.mp3");
    Mp3Encoder.encode(sequential, left, right, 44100, Map.of("title", "Seam"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Mp3Encoder.encode(parallel, left, right, 44100, Map.of("title", "Seam"), pool);
    } finally {
      pool.shutdown();
    }
    assertThat(Files.readAllBytes(parallel)).isEqualTo(Files.readAllBytes(sequential));
    // The header's delay and padding trim the decoded audio to the input, sample for sample.
    DecodedAudio decoded = AudioDecoder.decode(parallel);
    assertThat(decoded.frames()).isEqualTo(frames);
    int seam = Mp3Encoder.SEGMENT_FRAMES * Mp3Encoder.FRAME;
    double atSeam = snr(left, decoded.channels()[0], seam - 2304, seam + 2304);
    double elsewhere = snr(left, decoded.channels()[0], seam / 2 - 2304, seam / 2 + 2304);
    assertThat(elsewhere).isGreaterThan(25);
    assertThat(atSeam).isCloseTo(elsewhere, within(1.0));
  }

  @Test
  void a_borrow_is_copied_into_the_unused_tail_of_the_earlier_frames_across_a_frame_boundary() {
    // Two 20-byte "frames" per side: MPEG-1 Layer III header (no CRC, joint stereo), 32 bytes of
    // side info would not fit, so use mono (17 bytes): main data starts at byte 21.
    byte[] a1 = frame(30, (byte) 1);
    byte[] a2 = frame(30, (byte) 2);
    byte[] b1 = frame(30, (byte) 7);
    byte[] b2 = frame(30, (byte) 8);
    assertThat(Mp3Encoder.mainDataOffset(a1)).isEqualTo(21);
    Mp3Encoder.copyMainDataTail(java.util.List.of(b1, b2), java.util.List.of(a1, a2), 12);
    // 9 bytes fit in the last frame's area, 3 more come from the one before it.
    assertThat(java.util.Arrays.copyOfRange(a2, 21, 30)).containsOnly((byte) 8);
    assertThat(java.util.Arrays.copyOfRange(a1, 27, 30)).containsOnly((byte) 7);
    assertThat(java.util.Arrays.copyOfRange(a1, 21, 27)).containsOnly((byte) 1);
  }

  private static byte[] frame(int size, byte fill) {
    byte[] f = new byte[size];
    java.util.Arrays.fill(f, fill);
    f[0] = (byte) 0xFF;
    f[1] = (byte) 0xFB; // MPEG-1, Layer III, no CRC
    f[2] = (byte) 0x90;
    f[3] = (byte) 0xC4; // mono
    return f;
  }

  private static double snr(float[] reference, float[] decoded, int from, int to) {
    double signal = 0;
    double noise = 0;
    for (int i = from; i < to; i++) {
      signal += reference[i] * reference[i];
      noise += (decoded[i] - reference[i]) * (decoded[i] - reference[i]);
    }
    return 10 * Math.log10(signal / noise);
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

  @Test
  void ffprobe_hears_an_mp3_as_long_as_its_audio_with_its_tags() throws Exception {
    int frames = 44100 * 5 + 777;
    Path mp3 = dir.resolve("judged.mp3");
    Mp3Encoder.encode(mp3, tone(440, frames), tone(660, frames), 44100,
        Map.of("title", "Grüße", "artist", "Backbeat"));

    Map<String, String> probe = Ffprobe.probe(mp3);
    assertThat(probe.get("format.format_name")).isEqualTo("mp3");
    assertThat(Ffprobe.streams(probe, "audio", "codec_name")).containsExactly("mp3");
    assertThat(Ffprobe.streams(probe, "audio", "sample_rate")).containsExactly("44100");
    assertThat(Ffprobe.streams(probe, "audio", "channels")).containsExactly("2");
    // ffprobe counts whole MP3 frames (our decoder trims to the sample): within two frames
    assertThat(Ffprobe.number(probe.get("format.duration"))).isCloseTo(frames / 44100.0, within(0.06));
    assertThat(Ffprobe.number(probe.get("format.bit_rate"))).isCloseTo(Mp3Encoder.BITRATE, within(8000.0));
    assertThat(probe.get("format.tags.title")).isEqualTo("Grüße");
    // bitexact: no library version in the file, which would change the bytes from build to build
    assertThat(probe.entrySet()).filteredOn(e -> e.getKey().endsWith("tags.encoder"))
        .allSatisfy(e -> assertThat(e.getValue()).doesNotContainPattern("[0-9]"));
  }

  @Test
  void ffprobe_reads_a_wav_as_16_bit_pcm_with_the_canonical_header_and_every_frame() throws Exception {
    int frames = 44100 * 2 + 5;
    Path wav = dir.resolve("judged.wav");
    WavWriter.write(wav, new float[][] {tone(500, frames), tone(700, frames)}, 44100);

    byte[] bytes = Files.readAllBytes(wav);
    assertThat(bytes).hasSize(44 + frames * 4);
    assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(new String(bytes, 8, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
    assertThat(new String(bytes, 36, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("data");
    java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(header.getInt(4)).isEqualTo(bytes.length - 8);
    assertThat(header.getInt(40)).isEqualTo(frames * 4);
    Map<String, String> probe = Ffprobe.probe(wav);
    assertThat(Ffprobe.streams(probe, "audio", "codec_name")).containsExactly("pcm_s16le");
    assertThat(Ffprobe.streams(probe, "audio", "sample_rate")).containsExactly("44100");
    assertThat(Ffprobe.streams(probe, "audio", "channels")).containsExactly("2");
    assertThat(Ffprobe.streams(probe, "audio", "bits_per_sample")).containsExactly("16");
    assertThat(Ffprobe.streams(probe, "audio", "duration_ts")).containsExactly(String.valueOf(frames));
  }

  @Test
  void stems_written_in_parallel_are_the_bytes_written_one_by_one() throws Exception {
    float[][][] stems = new float[6][][];
    for (int i = 0; i < stems.length; i++) {
      stems[i] = new float[][] {tone(200 + 50 * i, 44100 * 3), tone(300 + 40 * i, 44100 * 3)};
    }
    for (int i = 0; i < stems.length; i++) {
      WavWriter.write(dir.resolve("seq-" + i + ".wav"), stems[i], 44100, new float[] {0.8f, 0.6f});
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      java.util.List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < stems.length; i++) {
        int index = i;
        writes.add(pool.submit(() -> {
          WavWriter.write(dir.resolve("par-" + index + ".wav"), stems[index], 44100, new float[] {0.8f, 0.6f});
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : writes) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < stems.length; i++) {
      assertThat(Files.readAllBytes(dir.resolve("par-" + i + ".wav")))
          .isEqualTo(Files.readAllBytes(dir.resolve("seq-" + i + ".wav")));
    }
  }

  @Test
  void a_stem_is_written_with_its_per_channel_gains() throws Exception {
    float[] x = tone(500, 4410);
    Path wav = dir.resolve("placed.wav");
    WavWriter.write(wav, new float[][] {x, x}, 44100, new float[] {1f, 0.5f});
    DecodedAudio decoded = AudioDecoder.decode(wav);
    assertThat(decoded.channels()[0][1000]).isCloseTo(x[1000], within(1e-4f));
    assertThat(decoded.channels()[1][1000]).isCloseTo(x[1000] * 0.5f, within(1e-4f));
  }

  @Test
  void a_float_wav_encodes_to_the_bytes_of_its_samples_as_arrays_each_segment_reading_only_its_range() throws Exception {
    // 70 s: two segments. Values past full scale and below 16-bit resolution must survive the spill.
    int frames = 44100 * 70 + 123;
    float[] left = tone(440, frames);
    float[] right = tone(550, frames);
    left[1000] = 1.7f;
    right[2000] = 1e-7f;
    Path wav = dir.resolve("spill.wav");
    try (WavStreamWriter out = WavStreamWriter.float32(wav, 2, 44100)) {
      for (int at = 0; at < frames; at += 10_000) {
        out.write(new float[][] {left, right}, at, Math.min(10_000, frames - at));
      }
    }
    assertThat(WavReader.readAll(wav)[0]).isEqualTo(left);
    Path fromArrays = dir.resolve("arrays.mp3");
    Path fromWav = dir.resolve("wav.mp3");
    Mp3Encoder.encode(fromArrays, left, right, 44100, Map.of("title", "Spill"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Mp3Encoder.encode(fromWav, wav, Map.of("title", "Spill"), pool);
    } finally {
      pool.shutdown();
    }
    assertThat(Files.readAllBytes(fromWav)).isEqualTo(Files.readAllBytes(fromArrays));

    // Every opening reads its segment and context, a frame at a time; no read asks for more.
    java.util.List<long[]> openings = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Mp3Encoder.encode(dir.resolve("counted.mp3"), at -> {
      long[] seen = {0, 0}; // frames read, largest single read
      openings.add(seen);
      WavReader reader = new WavReader(wav);
      reader.seek(at);
      return new Mp3Encoder.Samples() {
        @Override
        public int read(float[][] out, int offset, int count) throws java.io.IOException {
          seen[1] = Math.max(seen[1], count);
          int n = reader.read(out, offset, count);
          seen[0] += n;
          return n;
        }

        @Override
        public void close() throws java.io.IOException {
          reader.close();
        }
      };
    }, frames, 44100, Map.of("title", "Spill"), Runnable::run);
    java.util.List<int[]> ranges = Mp3Encoder.segments(frames);
    assertThat(openings).hasSize(2);
    int context = Mp3Encoder.CONTEXT_FRAMES * Mp3Encoder.FRAME;
    for (int s = 0; s < ranges.size(); s++) {
      long expected = (s == ranges.size() - 1 ? ranges.get(s)[1] : ranges.get(s)[1] + context)
          - Math.max(0, ranges.get(s)[0] - context);
      assertThat(openings.get(s)[0]).isEqualTo(expected).isLessThan(frames * 2L / 3);
      assertThat(openings.get(s)[1]).isLessThanOrEqualTo(Mp3Encoder.FRAME);
    }
    assertThat(Files.readAllBytes(dir.resolve("counted.mp3"))).isEqualTo(Files.readAllBytes(fromArrays));
  }
}
