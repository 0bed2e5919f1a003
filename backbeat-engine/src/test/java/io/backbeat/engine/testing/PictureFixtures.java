package io.backbeat.engine.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import javax.imageio.ImageIO;

/**
 * Judges pictures and videos with tools that are not ours: {@code ffprobe} for sizes, codecs and
 * durations, {@code ffmpeg} to pull a frame out of a video, the JDK's own decoders for pixels, and
 * plain pixel statistics (mean colour, hue histogram, the share of pixels of a colour).
 */
public final class PictureFixtures {
  private PictureFixtures() {}

  /** {@code ffprobe}'s stream and format entries, flattened: {@code streams.stream.0.width} → value. */
  public static Map<String, String> probe(Path file) throws IOException {
    String out = MediaFixtures.run(List.of("ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "flat", file.toString()));
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(line.substring(0, eq), value);
      }
    }
    return values;
  }

  /** The first stream of {@code type} ("video", "audio"): its entries without the prefix; empty when none. */
  public static Map<String, String> stream(Map<String, String> probe, String type) {
    for (int i = 0; probe.containsKey("streams.stream." + i + ".codec_type"); i++) {
      if (probe.get("streams.stream." + i + ".codec_type").equals(type)) {
        String prefix = "streams.stream." + i + ".";
        Map<String, String> out = new LinkedHashMap<>();
        probe.forEach((k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
        return out;
      }
    }
    return Map.of();
  }

  /** Width and height of an image or video file, as ffprobe reads them. */
  public static int[] size(Path file) throws IOException {
    Map<String, String> video = stream(probe(file), "video");
    return new int[] {Integer.parseInt(video.get("width")), Integer.parseInt(video.get("height"))};
  }

  /** Writes bytes to a temporary file with {@code suffix} (".png") so a tool can read them. */
  public static Path file(byte[] bytes, String suffix) throws IOException {
    Path file = Files.createTempFile("picture", suffix);
    Files.write(file, bytes);
    file.toFile().deleteOnExit();
    return file;
  }

  /** Decodes with the JDK's ImageIO. */
  public static BufferedImage decode(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    if (image == null) {
      throw new IOException("not an image ImageIO can read");
    }
    return image;
  }

  public static BufferedImage decode(Path file) throws IOException {
    return decode(Files.readAllBytes(file));
  }

  /** The frame of {@code video} shown at {@code seconds}, decoded by the {@code ffmpeg} tool into a PNG. */
  public static BufferedImage frame(Path video, double seconds) throws IOException {
    Path png = Files.createTempFile("frame", ".png");
    try {
      MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-ss", String.format(java.util.Locale.ROOT, "%.3f", seconds),
          "-i", video.toString(), "-frames:v", "1", png.toString()));
      return decode(png);
    } finally {
      Files.deleteIfExists(png);
    }
  }

  /** The mean red, green and blue (0..255). */
  public static double[] meanColour(BufferedImage image) {
    double[] sum = new double[3];
    long n = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y);
        sum[0] += (rgb >> 16) & 0xff;
        sum[1] += (rgb >> 8) & 0xff;
        sum[2] += rgb & 0xff;
        n++;
      }
    }
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  /** Euclidean distance between two mean colours. */
  public static double distance(double[] a, double[] b) {
    return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
  }

  /**
   * A normalised histogram of 12 hue bins plus 3 bins for grey pixels (dark, mid, light), so two
   * pictures can be compared by how their colours are spread.
   */
  public static double[] histogram(BufferedImage image) {
    double[] bins = new double[15];
    long n = 0;
    float[] hsb = new float[3];
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y);
        Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
        int bin = hsb[1] < 0.2f || hsb[2] < 0.12f ? 12 + Math.min(2, (int) (hsb[2] * 3)) : Math.min(11, (int) (hsb[0] * 12));
        bins[bin]++;
        n++;
      }
    }
    for (int i = 0; i < bins.length; i++) {
      bins[i] /= n;
    }
    return bins;
  }

  /** Half the L1 distance between two histograms: 0 for the same spread, 1 for nothing in common. */
  public static double histogramDistance(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += Math.abs(a[i] - b[i]);
    }
    return d / 2;
  }

  /** The share of pixels whose RGB passes {@code test}. */
  public static double share(BufferedImage image, IntPredicate test) {
    long hits = 0;
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (test.test(image.getRGB(x, y) & 0xffffff)) {
          hits++;
        }
        n++;
      }
    }
    return hits / (double) n;
  }

  /** Saturated red: hue within 20° of red, saturation above 0.4 and brightness above 0.25. */
  public static boolean red(int rgb) {
    float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
    float hueDistance = Math.min(hsb[0], 1 - hsb[0]);
    return hueDistance < 20 / 360f && hsb[1] > 0.4f && hsb[2] > 0.25f;
  }

  /** Mean absolute difference per channel between two same-sized images (0..255), every 2nd pixel. */
  public static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight() + " and " + b.getWidth() + "x" + b.getHeight());
    }
    double sum = 0;
    long n = 0;
    for (int y = 0; y < a.getHeight(); y += 2) {
      for (int x = 0; x < a.getWidth(); x += 2) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        sum += Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff)) + Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff)) + Math.abs((p & 0xff) - (q & 0xff));
        n += 3;
      }
    }
    return sum / n;
  }
}
