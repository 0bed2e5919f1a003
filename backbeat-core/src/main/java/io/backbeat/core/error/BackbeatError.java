package io.backbeat.core.error;

/** The errors the core raises; each dialect renders them in its own shape. */
public enum BackbeatError {
  INVALID_PARAMETER(ErrorCategory.USER),
  TOO_LONG(ErrorCategory.USER),
  UNAUTHORIZED(ErrorCategory.AUTH),
  NOT_FOUND(ErrorCategory.NOT_FOUND),
  IDEMPOTENCY_CONFLICT(ErrorCategory.CONFLICT),
  IDEMPOTENCY_MISMATCH(ErrorCategory.USER),
  ALREADY_EXISTS(ErrorCategory.CONFLICT),
  INSUFFICIENT_CREDITS(ErrorCategory.QUOTA),
  RATE_LIMITED(ErrorCategory.RATE_LIMIT),
  POLL_RATE_LIMITED(ErrorCategory.RATE_LIMIT),
  CONTENT_BLOCKED(ErrorCategory.POLICY),
  UNSUPPORTED(ErrorCategory.USER),
  UPSTREAM_ERROR(ErrorCategory.EXTERNAL),
  UNAVAILABLE(ErrorCategory.UNAVAILABLE),
  /** A synchronous answer did not come in time; the task goes on. */
  TIMEOUT(ErrorCategory.UNAVAILABLE),
  INTERNAL(ErrorCategory.INTERNAL);

  private final ErrorCategory category;

  BackbeatError(ErrorCategory category) {
    this.category = category;
  }

  public ErrorCategory category() {
    return category;
  }
}
