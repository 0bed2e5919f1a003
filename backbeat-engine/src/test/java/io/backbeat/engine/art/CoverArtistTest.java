package io.backbeat.engine.art;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.engine.compose.Genre;
import io.backbeat.engine.compose.Mood;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverArtistTest {
  @TempDir Path dir;
  private final CoverArtist artist = new CoverArtist();

  @Test
  void the_cover_is_a_square_jpeg_of_the_expected_size() throws Exception {
    Path file = dir.resolve("a.jpg");
    artist.write(new CoverArtist.Cover("Midnight Drive", "synthwave · 100 bpm", Genre.SYNTHWAVE, Mood.DARK, 1), file);
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes[0] & 0xff).isEqualTo(0xFF);
    assertThat(bytes[1] & 0xff).isEqualTo(0xD8); // JPEG start-of-image
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(CoverArtist.SIZE);
    assertThat(image.getHeight()).isEqualTo(CoverArtist.SIZE);
  }

  @Test
  void different_titles_give_different_covers_and_the_same_inputs_the_same_bytes() throws Exception {
    Path a = dir.resolve("a.jpg");
    Path b = dir.resolve("b.jpg");
    Path again = dir.resolve("again.jpg");
    artist.write(new CoverArtist.Cover("Rain on Glass", "lo-fi", Genre.LOFI, Mood.MELLOW, 7), a);
    artist.write(new CoverArtist.Cover("Sunlit Road", "lo-fi", Genre.LOFI, Mood.MELLOW, 7), b);
    artist.write(new CoverArtist.Cover("Rain on Glass", "lo-fi", Genre.LOFI, Mood.MELLOW, 7), again);
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(b));
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(again));
  }

  @Test
  void moods_change_the_palette() {
    BufferedImage dark = artist.paint(new CoverArtist.Cover("X", "", Genre.POP, Mood.DARK, 3));
    BufferedImage bright = artist.paint(new CoverArtist.Cover("X", "", Genre.POP, Mood.UPLIFTING, 3));
    assertThat(meanBrightness(dark)).isLessThan(meanBrightness(bright));
  }

  private static double meanBrightness(BufferedImage image) {
    long sum = 0;
    for (int y = 0; y < image.getHeight(); y += 8) {
      for (int x = 0; x < image.getWidth(); x += 8) {
        int rgb = image.getRGB(x, y);
        sum += ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
      }
    }
    return sum / (double) (image.getWidth() * image.getHeight() / 64);
  }
}
