package io.backbeat.server.dialect.dashscope;

import static io.backbeat.server.dialect.dashscope.DashScopeTesting.ASYNC;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.IMAGE;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.TASKS;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.VIDEO;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.probe;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.videoBody;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.dashscope;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.download;
import static io.backbeat.server.dialect.dashscope.DashScopeTesting.imageBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.server.testing.FixtureServer;
import io.backbeat.server.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DashScope routes on the real local studio (no test provider): the PNG has the requested size,
 * the same seed gives the same bytes, and different prompts give clearly different pictures; an
 * image-to-video task with a soundtrack is an H.264 + AAC MP4 of the tier's size and the duration,
 * judged by {@code ffprobe}.
 */
@Tag("e2e")
class DashScopeEndToEndTest {
  private static TestServer server;
  private static FixtureServer files;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    files = new FixtureServer();
  }

  @AfterAll
  static void stop() {
    server.close();
    files.close();
  }

  private static Path image(String prompt, String parameters, String name) throws Exception {
    HttpResponse<String> answer = server.post(IMAGE, imageBody("qwen-image-2.0", prompt, parameters));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode content = dashscope(answer).path("output").path("choices").get(0).path("message").path("content");
    return download(server, content.get(0).path("image").asText(), dir, name);
  }

  @Test
  void the_local_studio_paints_the_requested_size_deterministically_by_seed() throws Exception {
    Path sea = image("a calm blue sea under a yellow sun", "{\"size\":\"768*512\",\"seed\":11}", "sea.png");
    Path again = image("a calm blue sea under a yellow sun", "{\"size\":\"768*512\",\"seed\":11}", "again.png");
    Path forest = image("a dark green forest at night with a full moon", "{\"size\":\"768*512\",\"seed\":11}", "forest.png");

    BufferedImage picture = ImageIO.read(sea.toFile());
    assertThat(picture.getWidth()).isEqualTo(768);
    assertThat(picture.getHeight()).isEqualTo(512);
    assertThat(Files.readAllBytes(again)).as("same seed, same bytes").isEqualTo(Files.readAllBytes(sea));
    double[] seaMean = meanRgb(picture);
    double[] forestMean = meanRgb(ImageIO.read(forest.toFile()));
    double distance = Math.sqrt(square(seaMean[0] - forestMean[0]) + square(seaMean[1] - forestMean[1]) + square(seaMean[2] - forestMean[2]));
    assertThat(distance).as("mean colours %s vs %s", java.util.Arrays.toString(seaMean), java.util.Arrays.toString(forestMean)).isGreaterThan(20);
  }

  @Test
  void an_image_to_video_task_with_audio_is_an_h264_aac_mp4_of_the_tier_and_duration() throws Exception {
    files.bytes("/first.png", MediaTestProvider.png(640, 480, 3), "image/png");
    files.file("/beat.mp3", MediaFixtures.generate(dir.resolve("beat.mp3"), "0.3*sin(220*2*PI*t)", 8), "audio/mpeg");
    String body =
        videoBody("wan2.5-i2v-preview",
            "{\"prompt\":\"slow zoom\",\"img_url\":\"" + files.url("/first.png") + "\",\"audio_url\":\"" + files.url("/beat.mp3") + "\"}",
            "{\"resolution\":\"480P\",\"duration\":5}");
    HttpResponse<String> created = server.post(VIDEO, body, server.apiKey, ASYNC);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String taskId = dashscope(created).path("output").path("task_id").asText();

    JsonNode done =
        server.pollUntil(TASKS + "/" + taskId, json -> !json.path("output").path("task_status").asText().matches("PENDING|RUNNING"),
            Duration.ofMinutes(3));
    assertThat(done.path("output").path("task_status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    String probe = probe(download(server, done.path("output").path("video_url").asText(), dir, "i2v.mp4"));
    assertThat(probe).contains("codec_name=h264", "codec_name=aac", "width=832", "height=480");
    assertThat(DashScopeContractTest.duration(probe)).isBetween(4.8, 5.2);
    assertThat(done.path("usage").path("video_duration").asInt()).isEqualTo(5);
  }

  @Test
  void an_edit_model_builds_on_a_reference_image_sent_as_a_data_url() throws Exception {
    double[] onRed = meanRgb(ImageIO.read(edit(solid(0xd02020), "red.png").toFile()));
    double[] onBlue = meanRgb(ImageIO.read(edit(solid(0x2040d0), "blue.png").toFile()));
    assertThat(onRed[0] - onRed[2]).as("red reference %s vs blue %s", java.util.Arrays.toString(onRed), java.util.Arrays.toString(onBlue))
        .isGreaterThan(onBlue[0] - onBlue[2]);
  }

  private static String solid(int rgb) throws Exception {
    BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(rgb));
    g.fillRect(0, 0, 400, 400);
    g.dispose();
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png.toByteArray());
  }

  private static Path edit(String dataUrl, String name) throws Exception {
    String body =
        "{\"model\":\"qwen-image-edit\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"image\":\"" + dataUrl
            + "\"},{\"text\":\"a small house in a field\"}]}]},\"parameters\":{\"seed\":5}}";
    HttpResponse<String> answer = server.post(IMAGE, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode content = dashscope(answer).path("output").path("choices").get(0).path("message").path("content");
    Path file = download(server, content.get(0).path("image").asText(), dir, name);
    BufferedImage picture = ImageIO.read(file.toFile());
    assertThat(picture.getWidth()).isEqualTo(1328);
    assertThat(picture.getHeight()).isEqualTo(1328);
    return file;
  }

  private static double[] meanRgb(BufferedImage image) {
    double r = 0, g = 0, b = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        r += (rgb >> 16) & 0xff;
        g += (rgb >> 8) & 0xff;
        b += rgb & 0xff;
      }
    }
    double n = (double) image.getWidth() * image.getHeight();
    return new double[] {r / n, g / n, b / n};
  }

  private static double square(double d) {
    return d * d;
  }
}
