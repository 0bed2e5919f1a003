package io.backbeat.server.dialect.dashscope;

import io.backbeat.core.error.BackbeatError;

/**
 * DashScope's HTTP status and string {@code code} for each Backbeat error (contract-media.md §4).
 * Where DashScope has no code of its own (idempotency, conflicts) the nearest HTTP status is used
 * with a code in DashScope's style; the README's error table lists them.
 */
final class DashScopeErrors {
  private DashScopeErrors() {}

  record Code(int httpStatus, String code) {}

  static Code of(BackbeatError error) {
    return switch (error) {
      case INVALID_PARAMETER, TOO_LONG -> new Code(400, "InvalidParameter");
      case CONTENT_BLOCKED -> new Code(400, "DataInspectionFailed");
      case UNSUPPORTED -> new Code(400, "UnsupportedOperation");
      case INSUFFICIENT_CREDITS -> new Code(400, "Arrearage");
      case UNAUTHORIZED -> new Code(401, "InvalidApiKey");
      case NOT_FOUND -> new Code(404, "NotFound");
      case TIMEOUT -> new Code(408, "RequestTimeOut");
      case IDEMPOTENCY_CONFLICT, ALREADY_EXISTS -> new Code(409, "Conflict");
      case IDEMPOTENCY_MISMATCH -> new Code(422, "IdempotencyMismatch");
      case RATE_LIMITED -> new Code(429, "Throttling.RateQuota");
      case POLL_RATE_LIMITED -> new Code(429, "Throttling");
      case UPSTREAM_ERROR, INTERNAL -> new Code(500, "InternalError");
      case UNAVAILABLE -> new Code(503, "ModelUnavailable");
    };
  }
}
