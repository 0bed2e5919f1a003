package io.backbeat.providers.local;

import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a fetched image (PNG, JPEG, GIF, BMP: what the JDK reads) after checking its declared
 * size, so a small file that claims to be a gigapixel picture is refused before any pixel is
 * allocated.
 */
final class ImageDecoder {
  /** The most pixels an input image may have (a 48-megapixel photo). */
  static final long MAX_PIXELS = 48_000_000L;

  private ImageDecoder() {}

  static BufferedImage decode(String field, Path file) throws TaskFailedException, IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new TaskFailedException(FailureCode.INVALID_INPUT, field + " is not an image that can be decoded (PNG, JPEG, GIF, BMP)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new TaskFailedException(FailureCode.INPUT_TOO_LARGE, field + " has " + reader.getWidth(0) + "x" + reader.getHeight(0)
              + " pixels, more than the " + MAX_PIXELS / 1_000_000 + " million allowed");
        }
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw new TaskFailedException(FailureCode.INVALID_INPUT, field + " is not an image that can be decoded");
        }
        return image;
      } catch (IOException | RuntimeException e) {
        throw new TaskFailedException(FailureCode.INVALID_INPUT, field + " is not an image that can be decoded: " + e.getClass().getSimpleName());
      } finally {
        reader.dispose();
      }
    }
  }
}
