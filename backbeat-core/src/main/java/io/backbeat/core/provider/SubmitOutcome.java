package io.backbeat.core.provider;

import static java.util.Objects.requireNonNull;

/**
 * How an upstream create call ended, decided by whether it could have been sent. Only
 * {@link NotSent} allows another try elsewhere; {@link Unknown} is reconciled by asking the
 * upstream, never by submitting again and never by refunding blind.
 */
public sealed interface SubmitOutcome {

  /** The request never left (connection refused, DNS failure, egress refused, rate-limited before sending). */
  record NotSent(String reason) implements SubmitOutcome {
    public NotSent {
      requireNonNull(reason, "reason is null");
    }
  }

  /** The upstream took the job and named it. */
  record Accepted(String upstreamId) implements SubmitOutcome {
    public Accepted {
      requireNonNull(upstreamId, "upstreamId is null");
    }
  }

  /** The request may have arrived (timeout or drop after sending began): the upstream may be working on it. */
  record Unknown(String reason) implements SubmitOutcome {
    public Unknown {
      requireNonNull(reason, "reason is null");
    }
  }
}
