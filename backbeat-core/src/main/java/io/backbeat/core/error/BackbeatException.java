package io.backbeat.core.error;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The one exception for request errors. The message is shown to the caller, so it says what is
 * wrong and how to fix it, and never contains a secret. {@code retryAfter} feeds {@code Retry-After}.
 */
public final class BackbeatException extends RuntimeException {
  private final BackbeatError error;
  private final Duration retryAfter;

  public BackbeatException(BackbeatError error, String message) {
    this(error, message, null);
  }

  public BackbeatException(BackbeatError error, String message, Duration retryAfter) {
    super(requireNonNull(message, "message is null"), null, false, false);
    this.error = requireNonNull(error, "error is null");
    this.retryAfter = retryAfter;
  }

  public BackbeatError error() {
    return error;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public static BackbeatException invalid(String message) {
    return new BackbeatException(BackbeatError.INVALID_PARAMETER, message);
  }

  public static BackbeatException tooLong(String message) {
    return new BackbeatException(BackbeatError.TOO_LONG, message);
  }

  public static BackbeatException notFound(String message) {
    return new BackbeatException(BackbeatError.NOT_FOUND, message);
  }
}
