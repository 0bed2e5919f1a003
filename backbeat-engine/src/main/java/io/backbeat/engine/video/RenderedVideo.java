package io.backbeat.engine.video;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A written video: the MP4, its first frame as a poster, and what it is.
 *
 * @param durationSeconds frames divided by fps
 */
public record RenderedVideo(Path file, BufferedImage poster, int frames, double durationSeconds, int width, int height,
    int fps, boolean hasAudio) {}
