package io.backbeat.server.dialect.dashscope;

import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.FailureCode;
import io.javalin.http.Context;

/**
 * DashScope's HTTP status and string {@code code} for each Backbeat error (contract-media.md §4).
 * Where DashScope has no code of its own (idempotency, conflicts) the nearest HTTP status is used
 * with a code in DashScope's style; the README's error table lists them.
 */
final class DashScopeErrors {
  private DashScopeErrors() {}

  /** Request attribute naming a DashScope-specific code for the error being thrown. */
  private static final String SPECIFIC = "dashscope.specific-error";

  record Code(int httpStatus, String code) {}

  /** A specific code for one error of one request, e.g. {@code 403 AccessDenied} for the async header. */
  private record Specific(BackbeatError error, Code code) {}

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

  /** The code an error gets on this request: a specific one if the dialect named it, else {@link #of}. */
  static Code of(Context ctx, BackbeatError error) {
    Specific specific = ctx.attribute(SPECIFIC);
    return specific != null && specific.error() == error ? specific.code() : of(error);
  }

  /**
   * An error whose DashScope code is finer than the Backbeat error's (403 {@code AccessDenied},
   * 404 {@code ModelNotFound}): the code is remembered on the request and used when it is rendered.
   */
  static BackbeatException specific(Context ctx, BackbeatError error, int httpStatus, String code, String message) {
    ctx.attribute(SPECIFIC, new Specific(error, new Code(httpStatus, code)));
    return new BackbeatException(error, message);
  }

  /** How a failed task's {@code code} and HTTP status read (in the task's {@code output}, or as a sync route's error). */
  static Code ofFailure(String failureCode) {
    FailureCode code;
    try {
      code = FailureCode.valueOf(failureCode);
    } catch (IllegalArgumentException | NullPointerException e) {
      code = FailureCode.INTERNAL;
    }
    return switch (code) {
      case SENSITIVE_CONTENT -> new Code(400, "DataInspectionFailed");
      case INVALID_INPUT -> new Code(400, "InvalidParameter");
      case DOWNLOAD_FAILED -> new Code(415, "BadRequest.InputDownloadFailed");
      case INPUT_TOO_LARGE -> new Code(413, "BadRequest.TooLarge");
      case TIMEOUT -> new Code(500, "InternalError.Timeout");
      case GENERATION_FAILED -> new Code(500, "InternalError.Algo");
      case INTERNAL -> new Code(500, "InternalError");
    };
  }
}
