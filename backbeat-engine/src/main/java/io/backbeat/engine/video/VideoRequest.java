package io.backbeat.engine.video;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One video to make.
 *
 * @param prompt what it shows; may be empty when it animates a first frame
 * @param width even, at most {@link #MAX_SIDE} (H.264 in 4:2:0 needs even sides)
 * @param firstFrame the image it starts on (image-to-video), or null
 * @param lastFrame the image it ends on, or null
 * @param references further images: palette sources
 * @param audio the soundtrack, one array per channel at {@code sampleRate}, cut or padded to the
 *     duration; null for a silent video
 */
public record VideoRequest(
    String prompt, String negativePrompt, int width, int height, int fps, double durationSeconds, long seed,
    boolean watermark, BufferedImage firstFrame, BufferedImage lastFrame, List<BufferedImage> references,
    float[][] audio, int sampleRate) {
  public static final int MAX_SIDE = 3840;
  public static final int MAX_FPS = 60;
  public static final double MAX_SECONDS = 60;

  public VideoRequest {
    prompt = prompt == null ? "" : prompt;
    if (width < 2 || height < 2 || width > MAX_SIDE || height > MAX_SIDE || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("a video is 2 to " + MAX_SIDE + " pixels on each side, both even, not " + width + "x" + height);
    }
    if (fps < 1 || fps > MAX_FPS) {
      throw new IllegalArgumentException("a video has 1 to " + MAX_FPS + " frames per second, not " + fps);
    }
    if (!(durationSeconds > 0) || durationSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException("a video lasts more than 0 and at most " + (int) MAX_SECONDS + " seconds, not " + durationSeconds);
    }
    if (audio != null && (audio.length == 0 || sampleRate <= 0)) {
      throw new IllegalArgumentException("a soundtrack needs at least one channel and a sample rate");
    }
    references = List.copyOf(references == null ? List.of() : references);
  }

  /** Frames the video has: {@code round(duration × fps)}, at least one. */
  public int frames() {
    return (int) Math.max(1, Math.round(durationSeconds * fps));
  }
}
