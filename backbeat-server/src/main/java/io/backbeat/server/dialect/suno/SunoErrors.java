package io.backbeat.server.dialect.suno;

import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.task.FailureCode;

/**
 * Suno's numeric codes for Backbeat errors (contract-music.md §5.1). The JSON {@code code} carries the
 * Suno value; the HTTP status mirrors it where it is a real HTTP status, and uses the nearest one
 * where Suno's code is not (405/430 rate limits → 429, 455 maintenance → 503). See docs/decisions.md.
 */
final class SunoErrors {
  private SunoErrors() {}

  record Code(int code, int httpStatus) {}

  static Code of(BackbeatError error) {
    return switch (error) {
      case INVALID_PARAMETER, CONTENT_BLOCKED, UNSUPPORTED -> new Code(400, 400);
      case TOO_LONG -> new Code(413, 413);
      case UNAUTHORIZED -> new Code(401, 401);
      case NOT_FOUND -> new Code(404, 404);
      case IDEMPOTENCY_CONFLICT, ALREADY_EXISTS -> new Code(409, 409);
      case IDEMPOTENCY_MISMATCH -> new Code(422, 422);
      case INSUFFICIENT_CREDITS -> new Code(429, 429);
      case RATE_LIMITED -> new Code(430, 429);
      case POLL_RATE_LIMITED -> new Code(405, 429);
      case UNAVAILABLE -> new Code(455, 503);
      case TIMEOUT -> new Code(408, 408);
      case UPSTREAM_ERROR, INTERNAL -> new Code(500, 500);
    };
  }

  /** The {@code errorCode} of a failed task, as in Suno's query responses and callbacks. */
  static int failureCode(FailureCode code) {
    return switch (code) {
      case SENSITIVE_CONTENT, INVALID_INPUT -> 400;
      case DOWNLOAD_FAILED -> 451;
      case INPUT_TOO_LARGE -> 413;
      case TIMEOUT -> 408;
      case GENERATION_FAILED -> 501;
      case INTERNAL -> 500;
    };
  }
}
