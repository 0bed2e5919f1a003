package io.backbeat.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.engine.image.ImageStudio;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.engine.testing.PictureFixtures;
import io.backbeat.engine.video.VideoStudio;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoJobTest {
  @TempDir Path dir;
  MediaJobHarness harness;
  VideoJob job;

  @BeforeEach
  void start() throws Exception {
    harness = new MediaJobHarness(dir);
    job = new VideoJob(new VideoStudio(new ImageStudio()), new MediaFetcher(harness.egress), harness.work);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private static VideoSpec spec(String prompt, int w, int h, double seconds, int fps, String first, String last, String audio) {
    return new VideoSpec("wan2.5-t2v-preview", prompt, null, w, h, seconds, fps, first, last, audio, List.of(), 11L, false, false, null);
  }

  private static ObjectNode result(Step step) {
    assertThat(step).isInstanceOf(Step.Succeed.class);
    return ((Step.Succeed) step).result();
  }

  private Path asset(ObjectNode r, String field, String suffix) throws Exception {
    return PictureFixtures.file(harness.asset(r.path(field).asText()), suffix);
  }

  @Test
  void text_to_video_gives_an_h264_mp4_and_a_cover_in_the_canonical_shape() throws Exception {
    Task task = MediaJobHarness.task(spec("a lighthouse on the coast at night, stars", 480, 270, 2.0, 24, null, null, null));
    ObjectNode r = result(job.run(task, harness.context()));
    assertThat(r.path("video").asText()).isEqualTo(task.id() + "/video.mp4");
    assertThat(r.path("cover").asText()).isEqualTo(task.id() + "/cover.png");
    assertThat(r.path("duration").asDouble()).isEqualTo(2.0);
    assertThat(r.path("width").asInt()).isEqualTo(480);
    assertThat(r.path("height").asInt()).isEqualTo(270);
    assertThat(r.path("fps").asInt()).isEqualTo(24);
    Path mp4 = asset(r, "video", ".mp4");
    Map<String, String> probe = PictureFixtures.probe(mp4);
    assertThat(PictureFixtures.stream(probe, "video").get("codec_name")).isEqualTo("h264");
    assertThat(PictureFixtures.size(mp4)).containsExactly(480, 270);
    assertThat(Double.parseDouble(probe.get("format.duration"))).isCloseTo(2.0, within(0.2));
    assertThat(harness.assets.find(r.path("video").asText()).orElseThrow().contentType()).isEqualTo("video/mp4");
    assertThat(PictureFixtures.size(asset(r, "cover", ".png"))).containsExactly(480, 270);
  }

  @Test
  void image_to_video_with_a_soundtrack_fetched_from_loopback() throws Exception {
    BufferedImage picture = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = picture.createGraphics();
    g.setColor(new Color(0x2A9D8F));
    g.fillRect(0, 0, 320, 240);
    g.setColor(new Color(0xE9C46A));
    g.fillOval(100, 60, 120, 120);
    g.dispose();
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(picture, "png", png);
    String first = harness.serve("/first.png", png.toByteArray(), "image/png");
    Path wav = MediaFixtures.generate(dir.resolve("tone.wav"), "0.3*sin(2*PI*330*t)", 4.0);
    String audio = harness.serve("/tone.wav", Files.readAllBytes(wav), "audio/wav");

    ObjectNode r = result(job.run(MediaJobHarness.task(spec(null, 320, 240, 3.0, 24, first, null, audio)), harness.context()));
    Path mp4 = asset(r, "video", ".mp4");
    Map<String, String> probe = PictureFixtures.probe(mp4);
    assertThat(PictureFixtures.stream(probe, "video").get("codec_name")).isEqualTo("h264");
    assertThat(PictureFixtures.stream(probe, "audio").get("codec_name")).isEqualTo("aac");
    assertThat(Double.parseDouble(probe.get("format.duration"))).isCloseTo(3.0, within(0.2));
    assertThat(PictureFixtures.meanAbsoluteDifference(PictureFixtures.frame(mp4, 0), picture)).isLessThan(8);
  }

  @Test
  void odd_sizes_are_rounded_down_to_even() throws Exception {
    ObjectNode r = result(job.run(MediaJobHarness.task(spec("clouds", 161, 121, 0.5, 12, null, null, null)), harness.context()));
    assertThat(r.path("width").asInt()).isEqualTo(160);
    assertThat(r.path("height").asInt()).isEqualTo(120);
    assertThat(PictureFixtures.size(asset(r, "video", ".mp4"))).containsExactly(160, 120);
  }

  @Test
  void unusable_inputs_fail_the_task_with_their_codes() throws Exception {
    String page = harness.serve("/page", "<html></html>".getBytes(), "text/html");
    String notAudio = harness.serve("/noise.mp3", "not audio at all".getBytes(), "audio/mpeg");
    assertFails(spec("x", 64, 64, 1, 12, harness.url("/missing.png"), null, null), FailureCode.DOWNLOAD_FAILED, "firstFrameUrl");
    assertFails(spec("x", 64, 64, 1, 12, null, page, null), FailureCode.INVALID_INPUT, "lastFrameUrl is not an image");
    assertFails(spec("x", 64, 64, 1, 12, null, null, page), FailureCode.INVALID_INPUT, "audioUrl is not audio");
    assertFails(spec("x", 64, 64, 1, 12, null, null, notAudio), FailureCode.INVALID_INPUT, "audioUrl is not usable audio");
    assertFails(spec("x", 64, 64, 1000, 12, null, null, null), FailureCode.INVALID_INPUT, "seconds");
  }

  @Test
  void an_abandoned_render_stops_and_stores_nothing() throws Exception {
    Task task = MediaJobHarness.task(spec("rain over the sea", 160, 120, 5.0, 24, null, null, null));
    assertThat(job.run(task, harness.abandoningAfter(10))).isInstanceOf(Step.Abandoned.class);
    assertThat(harness.assets.find(task.id() + "/video.mp4")).isEmpty();
  }

  private void assertFails(VideoSpec spec, FailureCode code, String message) throws Exception {
    Step step = job.run(MediaJobHarness.task(spec), harness.context());
    assertThat(step).isInstanceOf(Step.Fail.class);
    assertThat(((Step.Fail) step).code()).isEqualTo(code);
    assertThat(((Step.Fail) step).message()).contains(message);
  }
}
