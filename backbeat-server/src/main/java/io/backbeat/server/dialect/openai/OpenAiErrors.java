package io.backbeat.server.dialect.openai;

import io.backbeat.core.error.BackbeatError;

/** OpenAI's HTTP status, {@code type} and {@code code} for each Backbeat error. */
final class OpenAiErrors {
  private OpenAiErrors() {}

  record Code(int httpStatus, String type, String code) {}

  static Code of(BackbeatError error) {
    return switch (error) {
      case INVALID_PARAMETER, TOO_LONG -> new Code(400, "invalid_request_error", "invalid_value");
      case IDEMPOTENCY_CONFLICT, IDEMPOTENCY_MISMATCH, ALREADY_EXISTS -> new Code(409, "invalid_request_error", "conflict");
      case CONTENT_BLOCKED -> new Code(400, "invalid_request_error", "moderation_blocked");
      case UNAUTHORIZED -> new Code(401, "authentication_error", "invalid_api_key");
      case UNSUPPORTED -> new Code(400, "invalid_request_error", "unsupported_value");
      case NOT_FOUND -> new Code(404, "invalid_request_error", "not_found");
      case INSUFFICIENT_CREDITS -> new Code(429, "insufficient_quota", "insufficient_quota");
      case RATE_LIMITED, POLL_RATE_LIMITED -> new Code(429, "rate_limit_error", "rate_limit_exceeded");
      case UPSTREAM_ERROR, INTERNAL -> new Code(500, "server_error", "server_error");
      case UNAVAILABLE -> new Code(503, "server_error", "service_unavailable");
      case TIMEOUT -> new Code(504, "server_error", "timeout");
    };
  }
}
