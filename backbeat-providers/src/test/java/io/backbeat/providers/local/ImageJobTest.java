package io.backbeat.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.engine.image.ImageStudio;
import io.backbeat.engine.testing.PictureFixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageJobTest {
  @TempDir Path dir;
  MediaJobHarness harness;
  ImageJob job;

  @BeforeEach
  void start() throws Exception {
    harness = new MediaJobHarness(dir);
    job = new ImageJob(new ImageStudio(), new MediaFetcher(harness.egress), harness.work);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private static ImageSpec spec(String prompt, int w, int h, int count, Long seed, List<String> refs, String format) {
    return new ImageSpec("qwen-image-plus", prompt, null, w, h, count, seed, false, false, refs, format, null);
  }

  private static ObjectNode result(Step step) {
    assertThat(step).isInstanceOf(Step.Succeed.class);
    return ((Step.Succeed) step).result();
  }

  @Test
  void makes_count_pngs_of_the_requested_size_in_the_canonical_shape() throws Exception {
    Task task = MediaJobHarness.task(spec("a cat under the moon", 1104, 1472, 2, 42L, List.of(), null));
    ObjectNode r = result(job.run(task, harness.context()));
    assertThat(r.path("images")).hasSize(2);
    assertThat(r.path("width").asInt()).isEqualTo(1104);
    assertThat(r.path("height").asInt()).isEqualTo(1472);
    for (int i = 0; i < 2; i++) {
      String key = r.path("images").get(i).asText();
      assertThat(key).isEqualTo(task.id() + "/image-" + i + ".png");
      Path file = PictureFixtures.file(harness.asset(key), ".png");
      assertThat(PictureFixtures.size(file)).containsExactly(1104, 1472);
      assertThat(harness.assets.find(key).orElseThrow().contentType()).isEqualTo("image/png");
    }
    byte[] first = harness.asset(r.path("images").get(0).asText());
    byte[] second = harness.asset(r.path("images").get(1).asText());
    assertThat(first).isNotEqualTo(second);
    // the same seed in another task: the same bytes
    Task again = MediaJobHarness.task(spec("a cat under the moon", 1104, 1472, 1, 42L, List.of(), null));
    ObjectNode r2 = result(job.run(again, harness.context()));
    assertThat(harness.asset(r2.path("images").get(0).asText())).isEqualTo(first);
  }

  @Test
  void without_a_seed_the_task_id_decides_so_a_rerun_repeats_itself() throws Exception {
    Task task = MediaJobHarness.task(spec("sunflowers in a field", 320, 240, 1, null, List.of(), "jpeg"));
    ObjectNode a = result(job.run(task, harness.context()));
    ObjectNode b = result(job.run(task, harness.context()));
    String key = a.path("images").get(0).asText();
    assertThat(key).endsWith(".jpg");
    assertThat(b).isEqualTo(a);
    Path file = PictureFixtures.file(harness.asset(key), ".jpg");
    assertThat(PictureFixtures.stream(PictureFixtures.probe(file), "video").get("codec_name")).isEqualTo("mjpeg");
  }

  @Test
  void a_reference_image_is_fetched_from_loopback_and_used_as_the_base() throws Exception {
    String url = harness.serve("/ref.png", png(new Color(0x1DB954)), "image/png");
    String prompt = "a blue sky over the sea";
    ObjectNode based = result(job.run(MediaJobHarness.task(spec(prompt, 400, 300, 1, 5L, List.of(url), null)), harness.context()));
    double[] mean = PictureFixtures.meanColour(PictureFixtures.decode(harness.asset(based.path("images").get(0).asText())));
    assertThat(mean[1]).isGreaterThan(mean[2] + 20).isGreaterThan(mean[0] + 40);
    // a data: URL works the same way
    String data = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(new Color(0xD62828)));
    ObjectNode red = result(job.run(MediaJobHarness.task(spec(prompt, 400, 300, 1, 5L, List.of(data), null)), harness.context()));
    double[] redMean = PictureFixtures.meanColour(PictureFixtures.decode(harness.asset(red.path("images").get(0).asText())));
    assertThat(redMean[0]).isGreaterThan(redMean[1] + 40).isGreaterThan(redMean[2] + 40);
    // and bare base64, as Kling's image fields take it
    String bare = Base64.getEncoder().encodeToString(png(new Color(0x1E5AD6)));
    ObjectNode blue = result(job.run(MediaJobHarness.task(spec("a field of grass", 400, 300, 1, 5L, List.of(bare), null)), harness.context()));
    double[] blueMean = PictureFixtures.meanColour(PictureFixtures.decode(harness.asset(blue.path("images").get(0).asText())));
    assertThat(blueMean[2]).isGreaterThan(blueMean[0] + 40);
  }

  @Test
  void bad_reference_images_fail_the_task_with_their_codes() throws Exception {
    String page = harness.serve("/page", "<html>hi</html>".getBytes(), "text/html");
    String junk = harness.serve("/junk.png", "not a png at all".getBytes(), "image/png");
    assertFails(page, FailureCode.INVALID_INPUT, "referenceImageUrls[0] is not an image");
    assertFails(junk, FailureCode.INVALID_INPUT, "referenceImageUrls[0] is not an image");
    assertFails(harness.url("/missing.png"), FailureCode.DOWNLOAD_FAILED, "HTTP 404");
    assertFails("data:text/plain;base64,aGk=", FailureCode.INVALID_INPUT, "not an image");
  }

  @Test
  void an_abandoned_task_stops_between_images() throws Exception {
    Task task = MediaJobHarness.task(spec("stars", 200, 200, 4, 1L, List.of(), null));
    MediaJobHarness.Context context = harness.abandoningAfter(2);
    assertThat(job.run(task, context)).isInstanceOf(Step.Abandoned.class);
    assertThat(harness.assets.find(task.id() + "/image-1.png")).isEmpty();
  }

  private void assertFails(String url, FailureCode code, String message) throws Exception {
    Step step = job.run(MediaJobHarness.task(spec("a tree", 64, 64, 1, 1L, List.of(url), null)), harness.context());
    assertThat(step).isInstanceOf(Step.Fail.class);
    assertThat(((Step.Fail) step).code()).isEqualTo(code);
    assertThat(((Step.Fail) step).message()).contains(message);
  }

  static byte[] png(Color colour) throws Exception {
    BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 300, 200);
    g.setColor(colour.darker());
    g.fillRect(0, 130, 300, 70);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
