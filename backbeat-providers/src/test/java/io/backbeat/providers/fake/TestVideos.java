package io.backbeat.providers.fake;

import io.backbeat.engine.encode.Mp4Writer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small real MP4s for fake upstreams to serve, so what is made from them (a poster) can be checked. */
public final class TestVideos {
  /** The first frame's colour of {@link #redThenBlue}; every later frame is {@link #LATER}. */
  public static final Color FIRST = new Color(220, 30, 30);
  public static final Color LATER = new Color(30, 30, 220);

  private TestVideos() {}

  /** One second at 10 fps, 160×96: the first frame red, the rest blue (a poster of any later frame would be blue). */
  public static byte[] redThenBlue() throws IOException {
    Path dir = Files.createTempDirectory("test-video");
    Path file = dir.resolve("video.mp4");
    try {
      Mp4Writer.builder().size(160, 96).fps(10).durationSeconds(1).build().write(file, (canvas, index, seconds) -> {
        Graphics2D g = canvas.createGraphics();
        try {
          g.setColor(index == 0 ? FIRST : LATER);
          g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        } finally {
          g.dispose();
        }
      });
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }
}
