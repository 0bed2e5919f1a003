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

  /**
   * Whether the upstream has (or may have) the job, and so may bill it: intent (sent or about to be),
   * accepted, unknown. A task in one of these states that fails for reasons of our own, or is
   * canceled, keeps its credit hold.
   */
  public boolean upstreamMayHaveIt() {
    return this == INTENT || this == ACCEPTED || this == UNKNOWN;
  }

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SubmitState fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
