package io.backbeat.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MP4s judged by Debian's ffprobe and by the file's own box layout. */
class Mp4WriterTest {
  @TempDir Path dir;

  /** A moving bar and a colour that changes each second: frames differ, as in a real video. */
  private static void scene(BufferedImage canvas, int index, double seconds) {
    Graphics2D g = canvas.createGraphics();
    try {
      g.setColor(Color.getHSBColor((float) (seconds / 4 % 1), 0.6f, 0.8f));
      g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
      g.setColor(Color.WHITE);
      g.fillRect(index * 7 % canvas.getWidth(), canvas.getHeight() / 3, 40, canvas.getHeight() / 3);
    } finally {
      g.dispose();
    }
  }

  private static float[][] tone(double seconds, int rate) {
    int n = (int) Math.round(seconds * rate);
    float[] left = new float[n];
    float[] right = new float[n];
    for (int i = 0; i < n; i++) {
      left[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / rate));
      right[i] = (float) (0.3 * Math.sin(2 * Math.PI * 660 * i / rate));
    }
    return new float[][] {left, right};
  }

  @Test
  void a_video_with_sound_is_h264_and_aac_of_the_asked_size_and_duration() throws Exception {
    Path mp4 = dir.resolve("song.mp4");
    Mp4Writer.Written written = Mp4Writer.builder()
        .size(640, 360).fps(25).duration(Duration.ofMillis(4200))
        .audio(tone(4.2, 44100), 44100)
        .tag("title", "Neon Street")
        .build()
        .write(mp4, Mp4WriterTest::scene);

    assertThat(written.frames()).isEqualTo(105);
    Map<String, String> probe = Ffprobe.probe(mp4);
    assertThat(Ffprobe.streams(probe, "video", "codec_name")).containsExactly("h264");
    assertThat(Ffprobe.streams(probe, "audio", "codec_name")).containsExactly("aac");
    assertThat(Ffprobe.streams(probe, "video", "width")).containsExactly("640");
    assertThat(Ffprobe.streams(probe, "video", "height")).containsExactly("360");
    assertThat(Ffprobe.streams(probe, "video", "pix_fmt")).containsExactly("yuv420p");
    assertThat(Ffprobe.streams(probe, "video", "nb_frames")).containsExactly("105");
    assertThat(Ffprobe.streams(probe, "audio", "sample_rate")).containsExactly("44100");
    assertThat(Ffprobe.streams(probe, "audio", "channels")).containsExactly("2");
    assertThat(Ffprobe.number(probe.get("format.duration"))).isCloseTo(4.2, within(0.1));
    assertThat(Ffprobe.number(Ffprobe.streams(probe, "video", "duration").getFirst())).isCloseTo(4.2, within(0.1));
    assertThat(Ffprobe.number(Ffprobe.streams(probe, "audio", "duration").getFirst())).isCloseTo(4.2, within(0.1));
    assertThat(probe.get("format.tags.title")).isEqualTo("Neon Street");
  }

  @Test
  void the_index_comes_before_the_media_data_for_web_playback() throws Exception {
    Path mp4 = dir.resolve("fast.mp4");
    Mp4Writer.builder().size(320, 240).durationSeconds(1.5).audio(tone(1.5, 48000), 48000).build()
        .write(mp4, Mp4WriterTest::scene);

    List<String> boxes = topLevelBoxes(mp4);
    assertThat(boxes).contains("ftyp", "moov", "mdat");
    assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
  }

  @Test
  void a_streamed_soundtrack_is_read_in_chunks_never_whole_and_muxed_to_the_duration() throws Exception {
    float[][] pcm = tone(6.0, 44100);
    int[] largestRead = {0};
    int[] reads = {0};
    int[] position = {0};
    Mp4Writer.AudioSource source =
        new Mp4Writer.AudioSource() {
          @Override
          public int channels() {
            return 2;
          }

          @Override
          public int read(float[][] out, int offset, int count) {
            largestRead[0] = Math.max(largestRead[0], count);
            reads[0]++;
            int n = Math.min(count, pcm[0].length - position[0]);
            if (n <= 0) {
              return 0;
            }
            System.arraycopy(pcm[0], position[0], out[0], offset, n);
            System.arraycopy(pcm[1], position[0], out[1], offset, n);
            position[0] += n;
            return n;
          }
        };
    Path mp4 = dir.resolve("streamed.mp4");
    Mp4Writer.builder().size(160, 120).durationSeconds(6).audio(source, 44100).build().write(mp4, Mp4WriterTest::scene);

    Map<String, String> probe = Ffprobe.probe(mp4);
    assertThat(Ffprobe.streams(probe, "audio", "codec_name")).containsExactly("aac");
    assertThat(Ffprobe.number(Ffprobe.streams(probe, "audio", "duration").getFirst())).isCloseTo(6.0, within(0.1));
    assertThat(position[0]).isEqualTo(pcm[0].length);
    assertThat(largestRead[0]).as("frames asked for at once").isLessThan(pcm[0].length / 10);
    assertThat(reads[0]).isGreaterThan(10);
  }

  @Test
  void a_silent_video_has_no_audio_stream() throws Exception {
    Path mp4 = dir.resolve("silent.mp4");
    Mp4Writer.builder().size(320, 180).fps(30).durationSeconds(2).build()
        .write(mp4, Mp4WriterTest::scene);

    Map<String, String> probe = Ffprobe.probe(mp4);
    assertThat(probe.get("format.nb_streams")).isEqualTo("1");
    assertThat(Ffprobe.streams(probe, "video", "codec_name")).containsExactly("h264");
    assertThat(Ffprobe.streams(probe, "audio", "codec_name")).isEmpty();
    assertThat(Ffprobe.number(probe.get("format.duration"))).isCloseTo(2.0, within(0.1));
  }

  @Test
  void audio_shorter_than_the_video_is_padded_and_longer_audio_is_cut() throws Exception {
    Path padded = dir.resolve("padded.mp4");
    Path cut = dir.resolve("cut.mp4");
    Mp4Writer.builder().size(160, 120).durationSeconds(3).audio(tone(1.0, 44100), 44100).build()
        .write(padded, Mp4WriterTest::scene);
    Mp4Writer.builder().size(160, 120).durationSeconds(1.2).audio(tone(5.0, 44100), 44100).build()
        .write(cut, Mp4WriterTest::scene);

    assertThat(Ffprobe.number(Ffprobe.streams(Ffprobe.probe(padded), "audio", "duration").getFirst()))
        .isCloseTo(3.0, within(0.1));
    assertThat(Ffprobe.number(Ffprobe.streams(Ffprobe.probe(cut), "audio", "duration").getFirst()))
        .isCloseTo(1.2, within(0.1));
  }

  @Test
  void frames_are_painted_in_order_on_one_reused_canvas_and_progress_is_reported() throws Exception {
    List<Integer> indices = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    Set<BufferedImage> canvases = new HashSet<>();
    List<int[]> reports = new ArrayList<>();
    Mp4Writer.builder().size(64, 64).fps(10).durationSeconds(2.5)
        .progress((done, total) -> reports.add(new int[] {done, total}))
        .build()
        .write(dir.resolve("order.mp4"), (canvas, index, seconds) -> {
          indices.add(index);
          times.add(seconds);
          canvases.add(canvas);
          scene(canvas, index, seconds);
        });

    assertThat(indices).hasSize(25).isSorted().startsWith(0).endsWith(24);
    assertThat(times.get(10)).isCloseTo(1.0, within(1e-9));
    assertThat(canvases).hasSize(1);
    assertThat(reports).isNotEmpty();
    assertThat(reports.getLast()).containsExactly(25, 25);
    assertThat(reports).extracting(r -> r[0]).isSorted();
  }

  @Test
  void images_of_another_size_are_drawn_scaled_to_the_frame() throws Exception {
    BufferedImage red = new BufferedImage(50, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = red.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 50, 30);
    g.dispose();
    Path mp4 = dir.resolve("images.mp4");
    Mp4Writer.builder().size(128, 72).fps(5).durationSeconds(1).build()
        .write(mp4, Mp4Writer.FrameSource.ofImages(i -> red));

    Map<String, String> probe = Ffprobe.probe(mp4);
    assertThat(Ffprobe.streams(probe, "video", "width")).containsExactly("128");
    assertThat(Ffprobe.streams(probe, "video", "nb_frames")).containsExactly("5");
  }

  @Test
  void a_failing_frame_source_leaves_no_partial_file() {
    Path mp4 = dir.resolve("broken.mp4");
    Mp4Writer writer = Mp4Writer.builder().size(64, 64).durationSeconds(1).build();
    assertThatThrownBy(() -> writer.write(mp4, (canvas, index, seconds) -> {
      if (index == 5) {
        throw new IOException("scene failed");
      }
    })).hasMessage("scene failed");
    assertThat(mp4).doesNotExist();
  }

  @Test
  void an_interrupt_stops_the_encode_between_frames() {
    Path mp4 = dir.resolve("interrupted.mp4");
    Mp4Writer writer = Mp4Writer.builder().size(64, 64).durationSeconds(10).build();
    try {
      assertThatThrownBy(() -> writer.write(mp4, (canvas, index, seconds) -> {
        if (index == 3) {
          Thread.currentThread().interrupt();
        }
      })).isInstanceOf(InterruptedIOException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(mp4).doesNotExist();
  }

  @Test
  void the_builder_names_what_is_missing_or_wrong() {
    assertThatThrownBy(() -> Mp4Writer.builder().durationSeconds(1).build())
        .hasMessageContaining("size");
    assertThatThrownBy(() -> Mp4Writer.builder().size(64, 64).build())
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> Mp4Writer.builder().size(65, 64).durationSeconds(1).build())
        .hasMessageContaining("even");
    assertThatThrownBy(() -> Mp4Writer.builder().size(64, 64).durationSeconds(1)
        .audio(new float[3][10], 44100).build())
        .hasMessageContaining("channels");
  }

  /** The types of the file's top-level ISO BMFF boxes, in file order. */
  private static List<String> topLevelBoxes(Path file) throws IOException {
    List<String> types = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(file)) {
      long at = 0;
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(16);
      while (at + 8 <= size) {
        header.clear();
        channel.read(header, at);
        header.flip();
        long boxSize = Integer.toUnsignedLong(header.getInt());
        byte[] type = new byte[4];
        header.get(type);
        if (boxSize == 1) {
          boxSize = header.getLong();
        } else if (boxSize == 0) {
          boxSize = size - at;
        }
        types.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
        if (boxSize < 8) {
          break;
        }
        at += boxSize;
      }
    }
    return types;
  }
}
