package io.backbeat.engine.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.image.ImageStudio;
import io.backbeat.engine.testing.PictureFixtures;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoStudioTest {
  @TempDir Path dir;
  private final VideoStudio studio = new VideoStudio(new ImageStudio());

  private static VideoRequest text(String prompt, int w, int h, int fps, double seconds, float[][] audio) {
    return new VideoRequest(prompt, null, w, h, fps, seconds, 7, false, null, null, List.of(), audio, 44100);
  }

  @Test
  void text_to_video_is_h264_of_the_requested_size_fps_and_duration_with_the_index_first() throws Exception {
    Path mp4 = dir.resolve("t2v.mp4");
    RenderedVideo video = studio.render(text("snowy mountains at sunset, a deer in the forest", 640, 360, 24, 2.0, null), mp4, () -> false, null);
    Map<String, String> probe = PictureFixtures.probe(mp4);
    Map<String, String> stream = PictureFixtures.stream(probe, "video");
    assertThat(stream.get("codec_name")).isEqualTo("h264");
    assertThat(stream.get("width")).isEqualTo("640");
    assertThat(stream.get("height")).isEqualTo("360");
    assertThat(stream.get("r_frame_rate")).isEqualTo("24/1");
    assertThat(Double.parseDouble(probe.get("format.duration"))).isCloseTo(2.0, within(0.2));
    assertThat(PictureFixtures.stream(probe, "audio")).isEmpty();
    assertThat(video.frames()).isEqualTo(48);
    assertThat(video.poster().getWidth()).isEqualTo(640);
    String head = new String(Files.readAllBytes(mp4), StandardCharsets.ISO_8859_1);
    assertThat(head.indexOf("moov")).as("faststart: the index before the media").isLessThan(head.indexOf("mdat"));
  }

  @Test
  void the_camera_moves_and_different_prompts_give_different_videos() throws Exception {
    Path a = dir.resolve("a.mp4");
    Path b = dir.resolve("b.mp4");
    studio.render(text("a city skyline at night, pan left", 320, 180, 12, 2.0, null), a, () -> false, null);
    studio.render(text("sunny beach with palm trees", 320, 180, 12, 2.0, null), b, () -> false, null);
    BufferedImage a0 = PictureFixtures.frame(a, 0);
    BufferedImage aEnd = PictureFixtures.frame(a, 1.9);
    BufferedImage b0 = PictureFixtures.frame(b, 0);
    assertThat(PictureFixtures.meanAbsoluteDifference(a0, aEnd)).as("the shot moves").isGreaterThan(2);
    assertThat(PictureFixtures.distance(PictureFixtures.meanColour(a0), PictureFixtures.meanColour(b0))).isGreaterThan(60);
  }

  @Test
  void a_soundtrack_becomes_aac_and_the_video_keeps_its_length() throws Exception {
    int rate = 44100;
    float[][] tone = new float[2][(int) (rate * 3.5)];
    for (int i = 0; i < tone[0].length; i++) {
      tone[0][i] = tone[1][i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / rate));
    }
    Path mp4 = dir.resolve("audio.mp4");
    studio.render(text("waves on the sea at dusk", 320, 240, 24, 2.5, tone), mp4, () -> false, null);
    Map<String, String> probe = PictureFixtures.probe(mp4);
    assertThat(PictureFixtures.stream(probe, "audio").get("codec_name")).isEqualTo("aac");
    assertThat(PictureFixtures.stream(probe, "video").get("codec_name")).isEqualTo("h264");
    assertThat(Double.parseDouble(probe.get("format.duration"))).isCloseTo(2.5, within(0.2));
    assertThat(Double.parseDouble(PictureFixtures.stream(probe, "audio").get("duration"))).isCloseTo(2.5, within(0.2));
  }

  @Test
  void image_to_video_starts_on_the_first_frame_and_ends_on_the_last() throws Exception {
    BufferedImage first = picture(new Color(0xE85D04), new Color(0x370617));
    BufferedImage last = picture(new Color(0x48CAE4), new Color(0x03045E));
    Path mp4 = dir.resolve("i2v.mp4");
    VideoRequest request = new VideoRequest("", null, 480, 320, 24, 2.0, 3, false, first, last, List.of(), null, 0);
    studio.render(request, mp4, () -> false, null);
    BufferedImage start = PictureFixtures.frame(mp4, 0);
    BufferedImage end = PictureFixtures.frame(mp4, 2.0 - 1.0 / 24);
    // the pictures are 3:2 like the video: fitted, they are simply scaled
    assertThat(PictureFixtures.meanAbsoluteDifference(start, scaled(first, 480, 320))).as("frame 0 is the first image").isLessThan(8);
    assertThat(PictureFixtures.meanAbsoluteDifference(end, scaled(last, 480, 320))).as("the last frame is the last image").isLessThan(10);
    assertThat(PictureFixtures.meanAbsoluteDifference(start, end)).isGreaterThan(40);
  }

  @Test
  void the_same_request_paints_the_same_frames() throws Exception {
    RenderedVideo a = studio.render(text("koi fish in a pond", 160, 120, 8, 1.0, null), dir.resolve("1.mp4"), () -> false, null);
    RenderedVideo b = studio.render(text("koi fish in a pond", 160, 120, 8, 1.0, null), dir.resolve("2.mp4"), () -> false, null);
    assertThat(PictureFixtures.meanAbsoluteDifference(a.poster(), b.poster())).isZero();
  }

  @Test
  void an_abandoned_render_stops_between_frames_and_leaves_no_file() {
    AtomicInteger checks = new AtomicInteger();
    Path mp4 = dir.resolve("gone.mp4");
    assertThatThrownBy(() -> studio.render(text("rain in the city", 160, 120, 24, 5.0, null), mp4, () -> checks.incrementAndGet() > 5, null))
        .isInstanceOf(VideoStudio.AbandonedException.class);
    assertThat(checks.get()).isEqualTo(6);
    assertThat(mp4).doesNotExist();
  }

  @Test
  void odd_sizes_and_silly_durations_are_refused() {
    assertThatThrownBy(() -> text("x", 641, 360, 24, 1, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even");
    assertThatThrownBy(() -> text("x", 640, 360, 24, 0, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> text("x", 640, 360, 0, 1, null)).isInstanceOf(IllegalArgumentException.class);
  }

  private static BufferedImage scaled(BufferedImage image, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  private static BufferedImage picture(Color a, Color b) {
    BufferedImage image = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, a, 600, 400, b));
    g.fillRect(0, 0, 600, 400);
    g.setColor(Color.WHITE);
    g.fillOval(200, 120, 200, 160);
    g.dispose();
    return image;
  }
}
