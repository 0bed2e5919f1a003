package io.backbeat.engine.source;

import java.io.IOException;

/** The file is not audio that can be decoded (not a media file, no audio stream, no samples). */
public final class NotAudioException extends IOException {
  public NotAudioException(String message) {
    super(message);
  }

  public NotAudioException(String message, Throwable cause) {
    super(message, cause);
  }
}
