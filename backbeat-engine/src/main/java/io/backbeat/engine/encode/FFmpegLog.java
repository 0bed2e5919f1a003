package io.backbeat.engine.encode;

import org.bytedeco.ffmpeg.global.avutil;

/** Keeps FFmpeg's native logging to errors (it otherwise prints every stream's details). */
public final class FFmpegLog {
  private static volatile boolean quiet;

  private FFmpegLog() {}

  public static void quiet() {
    if (!quiet) {
      avutil.av_log_set_level(avutil.AV_LOG_ERROR);
      quiet = true;
    }
  }
}
