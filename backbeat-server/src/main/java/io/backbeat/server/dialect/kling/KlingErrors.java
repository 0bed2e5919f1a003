package io.backbeat.server.dialect.kling;

import io.backbeat.core.error.BackbeatError;

/** Kling's HTTP status and integer {@code code} for each Backbeat error (contract-media.md §5.4). */
final class KlingErrors {
  private KlingErrors() {}

  record Code(int httpStatus, int code) {}

  static Code of(BackbeatError error) {
    return switch (error) {
      case INVALID_PARAMETER, TOO_LONG, ALREADY_EXISTS -> new Code(400, 1201);
      case IDEMPOTENCY_CONFLICT, IDEMPOTENCY_MISMATCH -> new Code(400, 1200);
      case CONTENT_BLOCKED -> new Code(400, 1301);
      case UNAUTHORIZED -> new Code(401, 1000);
      case UNSUPPORTED -> new Code(403, 1103);
      case NOT_FOUND -> new Code(404, 1203);
      case INSUFFICIENT_CREDITS -> new Code(429, 1102);
      case RATE_LIMITED, POLL_RATE_LIMITED -> new Code(429, 1302);
      case UPSTREAM_ERROR, INTERNAL -> new Code(500, 5000);
      case UNAVAILABLE -> new Code(503, 5001);
      case TIMEOUT -> new Code(504, 5002);
    };
  }
}
