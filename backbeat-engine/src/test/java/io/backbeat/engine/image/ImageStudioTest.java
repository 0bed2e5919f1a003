package io.backbeat.engine.image;

import static io.backbeat.engine.testing.PictureFixtures.decode;
import static io.backbeat.engine.testing.PictureFixtures.distance;
import static io.backbeat.engine.testing.PictureFixtures.file;
import static io.backbeat.engine.testing.PictureFixtures.histogram;
import static io.backbeat.engine.testing.PictureFixtures.histogramDistance;
import static io.backbeat.engine.testing.PictureFixtures.meanColour;
import static io.backbeat.engine.testing.PictureFixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.engine.testing.PictureFixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageStudioTest {
  private final ImageStudio studio = new ImageStudio();

  private static ImageRequest request(String prompt, String negative, int width, int height, long seed) {
    return new ImageRequest(prompt, negative, width, height, seed, false, List.of(), "png");
  }

  @Test
  void a_png_has_exactly_the_requested_size_as_ffprobe_reads_it() throws Exception {
    for (int[] size : new int[][] {{1328, 1328}, {1664, 928}, {333, 197}}) {
      byte[] png = studio.render(request("a lighthouse on the coast at dusk", null, size[0], size[1], 7));
      Map<String, String> video = PictureFixtures.stream(PictureFixtures.probe(file(png, ".png")), "video");
      assertThat(video.get("codec_name")).isEqualTo("png");
      assertThat(Integer.parseInt(video.get("width"))).isEqualTo(size[0]);
      assertThat(Integer.parseInt(video.get("height"))).isEqualTo(size[1]);
    }
  }

  @Test
  void jpeg_is_written_when_asked() throws Exception {
    byte[] jpeg = studio.render(new ImageRequest("a red fox in the snow", null, 640, 480, 3, false, List.of(), "jpg"));
    Map<String, String> video = PictureFixtures.stream(PictureFixtures.probe(file(jpeg, ".jpg")), "video");
    assertThat(video.get("codec_name")).isEqualTo("mjpeg");
    assertThat(video.get("width")).isEqualTo("640");
    assertThat(video.get("height")).isEqualTo("480");
  }

  @Test
  void the_same_seed_gives_identical_bytes_and_another_seed_other_pixels() throws Exception {
    ImageRequest one = request("a cat on a rooftop under the stars, city skyline", null, 512, 384, 42);
    byte[] a = studio.render(one);
    byte[] b = new ImageStudio().render(one);
    byte[] c = studio.render(request("a cat on a rooftop under the stars, city skyline", null, 512, 384, 43));
    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
    assertThat(PictureFixtures.meanAbsoluteDifference(decode(a), decode(c))).isGreaterThan(1.0);
  }

  @Test
  void different_prompts_give_clearly_different_pictures() throws Exception {
    BufferedImage night = decode(studio.render(request("a black cat under the moon at night, stars", null, 512, 512, 1)));
    BufferedImage beach = decode(studio.render(request("sunny beach with palm trees and a sailboat", null, 512, 512, 1)));
    BufferedImage forest = decode(studio.render(request("a green forest with a deer, watercolor", null, 512, 512, 1)));
    assertThat(distance(meanColour(night), meanColour(beach))).isGreaterThan(60);
    assertThat(histogramDistance(histogram(night), histogram(beach))).isGreaterThan(0.4);
    assertThat(histogramDistance(histogram(forest), histogram(beach))).isGreaterThan(0.25);
    // the night is dark, the beach bright
    assertThat(brightness(meanColour(night))).isLessThan(70);
    assertThat(brightness(meanColour(beach))).isGreaterThan(120);
  }

  @Test
  void chinese_prompts_are_read_too() throws Exception {
    Scene scene = studio.scene("夜晚的城市，霓虹灯，下雨", null, List.of());
    assertThat(scene.motifs()).contains(SceneMotif.CITY);
    assertThat(scene.light()).isEqualTo(Scene.Light.NIGHT);
    assertThat(scene.weather()).contains(Scene.Weather.RAIN);
    Scene cat = studio.scene("一只小猫在樱花树下，蓝色的天空", null, List.of());
    assertThat(cat.motifs()).contains(SceneMotif.CAT, SceneMotif.SAKURA);
    BufferedImage city = decode(studio.render(request("夜晚的城市，霓虹灯，下雨", null, 400, 300, 5)));
    BufferedImage day = decode(studio.render(request("阳光明媚的海滩，椰子树", null, 400, 300, 5)));
    assertThat(brightness(meanColour(day)) - brightness(meanColour(city))).isGreaterThan(50);
  }

  @Test
  void the_negative_prompt_removes_a_colour_as_measured_in_the_pixels() throws Exception {
    String prompt = "red lanterns and red roses at sunset, a red heart";
    BufferedImage with = decode(studio.render(request(prompt, null, 640, 400, 9)));
    BufferedImage without = decode(studio.render(request(prompt, "red, blurry", 640, 400, 9)));
    assertThat(share(with, PictureFixtures::red)).isGreaterThan(0.05);
    assertThat(share(without, PictureFixtures::red)).isLessThan(0.002);
  }

  @Test
  void the_negative_prompt_removes_motifs() {
    Scene scene = studio.scene("a cat and a dog on the beach under the sun", "dog, sun", List.of());
    assertThat(scene.motifs()).contains(SceneMotif.CAT, SceneMotif.BEACH).doesNotContain(SceneMotif.DOG, SceneMotif.SUN);
  }

  @Test
  void there_are_dozens_of_motifs_each_painting_something() throws Exception {
    assertThat(SceneMotif.values().length).isGreaterThanOrEqualTo(36);
    BufferedImage empty = decode(studio.render(request("plain", "sun, hills, clouds", 256, 192, 4)));
    for (SceneMotif motif : SceneMotif.values()) {
      String word = motif.words().get(0);
      Scene scene = studio.scene(word, null, List.of());
      assertThat(scene.motifs()).as(word).contains(motif);
      BufferedImage picture = decode(studio.render(request(word, null, 256, 192, 4)));
      assertThat(PictureFixtures.meanAbsoluteDifference(picture, empty)).as(word).isGreaterThan(1.0);
    }
  }

  @Test
  void style_words_change_the_grading() throws Exception {
    BufferedImage noir = decode(studio.render(request("a city street at night, film noir, black and white", null, 320, 240, 2)));
    float saturation = 0;
    for (int y = 0; y < noir.getHeight(); y += 4) {
      for (int x = 0; x < noir.getWidth() - 60; x += 4) { // the watermark is off: every pixel counts
        int rgb = noir.getRGB(x, y);
        saturation = Math.max(saturation, Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null)[1]);
      }
    }
    assertThat(saturation).isLessThan(0.12f);
  }

  @Test
  void a_watermark_marks_the_bottom_right_corner_only() throws Exception {
    ImageRequest plain = request("mountains and a lake", null, 600, 400, 11);
    BufferedImage a = decode(studio.render(plain));
    BufferedImage b = decode(studio.render(new ImageRequest("mountains and a lake", null, 600, 400, 11, true, List.of(), "png")));
    assertThat(PictureFixtures.meanAbsoluteDifference(a.getSubimage(300, 340, 300, 60), b.getSubimage(300, 340, 300, 60))).isGreaterThan(3);
    assertThat(PictureFixtures.meanAbsoluteDifference(a.getSubimage(0, 0, 300, 300), b.getSubimage(0, 0, 300, 300))).isZero();
  }

  @Test
  void a_reference_image_is_the_base_layer_and_the_palette_source() throws Exception {
    BufferedImage reference = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = reference.createGraphics();
    g.setColor(new Color(0x1DB954));
    g.fillRect(0, 0, 300, 200);
    g.setColor(new Color(0x0B6E4F));
    g.fillRect(0, 120, 300, 80);
    g.dispose();
    String prompt = "a blue sky over the sea";
    BufferedImage plain = decode(studio.render(request(prompt, null, 400, 300, 8)));
    BufferedImage based = decode(studio.render(new ImageRequest(prompt, null, 400, 300, 8, false, List.of(reference), "png")));
    double[] mean = meanColour(based);
    assertThat(mean[1]).as("green dominates").isGreaterThan(mean[2] + 20).isGreaterThan(mean[0] + 40);
    assertThat(distance(meanColour(plain), mean)).isGreaterThan(40);
  }

  @Test
  void sizes_and_formats_out_of_range_are_refused() {
    assertThatThrownBy(() -> request("x", null, 0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request("x", null, 5000, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImageRequest("x", null, 10, 10, 1, false, List.of(), "gif"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gif");
  }

  private static double brightness(double[] rgb) {
    return (rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114) / 1000;
  }
}
