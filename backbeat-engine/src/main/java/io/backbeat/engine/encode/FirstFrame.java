package io.backbeat.engine.encode;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/** The first picture of a video file FFmpeg can read (MP4, MOV, WebM…): a poster for a video we did not render. */
public final class FirstFrame {
  /** Frames read before giving up (a stream that decodes nothing this long is not worth a poster). */
  private static final int MAX_FRAMES = 240;

  private FirstFrame() {}

  /** A {@code TYPE_3BYTE_BGR} copy of the first decoded frame; {@link IOException} when there is none. */
  public static BufferedImage of(Path video) throws IOException {
    FFmpegLog.quiet();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      grabber.start();
      if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
        throw new IOException("no video stream in " + video.getFileName());
      }
      for (int i = 0; i < MAX_FRAMES; i++) {
        Frame frame = grabber.grabImage();
        if (frame == null) {
          break;
        }
        if (frame.image != null) {
          BufferedImage image = converter.convert(frame);
          // the converter reuses its image for the next frame: keep a copy
          BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
          copy.getGraphics().drawImage(image, 0, 0, null);
          grabber.stop();
          return copy;
        }
      }
      throw new IOException("no picture decoded from " + video.getFileName());
    } catch (FrameGrabber.Exception e) {
      throw new IOException("cannot decode " + video.getFileName() + ": " + e.getMessage(), e);
    }
  }
}
