package io.backbeat.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FFmpegMuxerTest {
  @TempDir Path dir;

  @Test
  void float_audio_is_encoded_with_the_named_codec_and_tagged() throws Exception {
    Path m4a = dir.resolve("tone.m4a");
    float[] tone = new float[48000];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / 48000));
    }
    try (FFmpegMuxer muxer = FFmpegMuxer.builder(m4a, "ipod").audio("aac", 48000, 1, 96_000)
        .tag("title", "Tone").tag("comment", null).open()) {
      muxer.writeAudio(new float[][] {tone}, 0, 20000);
      muxer.writeAudio(new float[][] {tone}, 20000, 28000);
      assertThat(muxer.audioFramesWritten()).isEqualTo(48000);
    }

    Map<String, String> probe = Ffprobe.probe(m4a);
    assertThat(Ffprobe.streams(probe, "audio", "codec_name")).containsExactly("aac");
    assertThat(Ffprobe.streams(probe, "audio", "channels")).containsExactly("1");
    assertThat(Ffprobe.number(probe.get("format.duration"))).isBetween(0.95, 1.05);
    assertThat(probe.get("format.tags.title")).isEqualTo("Tone");
    assertThat(probe).doesNotContainKey("format.tags.comment");
  }

  @Test
  void frames_must_have_the_streams_size_and_own_their_raster() throws Exception {
    try (FFmpegMuxer muxer = FFmpegMuxer.builder(dir.resolve("v.mp4"), "mp4")
        .video(Mp4Writer.VIDEO_CODEC, 64, 48, 10, 200_000).open()) {
      assertThatThrownBy(() -> muxer.writeVideo(new BufferedImage(32, 48, BufferedImage.TYPE_3BYTE_BGR)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64x48");
      assertThatThrownBy(() -> muxer.writeVideo(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TYPE_3BYTE_BGR");
      BufferedImage big = new BufferedImage(128, 96, BufferedImage.TYPE_3BYTE_BGR);
      assertThatThrownBy(() -> muxer.writeVideo(big.getSubimage(10, 10, 64, 48)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sub-image");
      assertThatThrownBy(() -> muxer.writeAudio(new short[4], 0, 2))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("no audio stream");
      muxer.writeVideo(new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR));
      assertThat(muxer.videoFramesWritten()).isEqualTo(1);
    }
  }

  @Test
  void what_cannot_be_written_is_said_before_anything_is() {
    assertThatThrownBy(() -> FFmpegMuxer.builder(dir.resolve("none.mp4"), "mp4").open())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("audio or a video stream");
    assertThatThrownBy(() -> FFmpegMuxer.builder(dir.resolve("odd.mp4"), "mp4").video("libopenh264", 63, 48, 30, 100_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even");
    assertThatThrownBy(() -> FFmpegMuxer.builder(dir.resolve("x.wav"), "wav").audio("no-such-codec", 44100, 2, 0).open())
        .isInstanceOf(IOException.class).hasMessageContaining("x.wav");
  }
}
