package io.backbeat.core.provider;

import java.util.Locale;

/**
 * Where an upstream submit stands. Written before and after every upstream create call, so a
 * crash between the two can never lead to a blind second submit.
 */
public enum SubmitState {
  /** Nothing was sent upstream (local work, or not yet). */
  NONE,
  /** About to call the upstream; the outcome is not known yet. */
  INTENT,
  /** The call definitely did not reach the upstream: safe to try another channel. */
  NOT_SENT,
  /** The upstream accepted it; its id is stored. */
  ACCEPTED,
  /** The call may have reached the upstream: reconcile by asking it, never resend blind. */
  UNKNOWN;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SubmitState fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
