package io.backbeat.core.error;

/** Who must act: the caller (fix the request), the caller's quota, an upstream, or us. */
public enum ErrorCategory {
  USER,
  AUTH,
  NOT_FOUND,
  CONFLICT,
  QUOTA,
  RATE_LIMIT,
  POLICY,
  EXTERNAL,
  UNAVAILABLE,
  INTERNAL
}
