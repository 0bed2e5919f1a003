package io.backbeat.engine.image;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One picture to make.
 *
 * @param negativePrompt motifs, styles and colours to leave out; may be null
 * @param seed the same seed and request give the same bytes
 * @param references decoded reference images: the first is the base layer, all are palette sources
 * @param format {@code png} or {@code jpeg} ({@code jpg} is read as jpeg)
 */
public record ImageRequest(
    String prompt, String negativePrompt, int width, int height, long seed, boolean watermark,
    List<BufferedImage> references, String format) {
  /** The largest side the studio paints (a 4096 × 4096 RGB canvas is 64 MB). */
  public static final int MAX_SIDE = 4096;

  public ImageRequest {
    Objects.requireNonNull(prompt, "prompt is null");
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new IllegalArgumentException("an image must be 1 to " + MAX_SIDE + " pixels on each side, not " + width + "x" + height);
    }
    references = List.copyOf(references == null ? List.of() : references);
    format = normalise(format);
  }

  private static String normalise(String format) {
    String f = format == null ? "png" : format.strip().toLowerCase(Locale.ROOT);
    return switch (f) {
      case "png" -> "png";
      case "jpeg", "jpg" -> "jpeg";
      default -> throw new IllegalArgumentException("an image is png or jpeg, not " + format);
    };
  }

  /** The file extension of the format. */
  public String extension() {
    return format.equals("jpeg") ? "jpg" : "png";
  }
}
