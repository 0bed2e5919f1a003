package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.task.FailureCode;
import java.time.Instant;

/**
 * How an upstream create call ended, in the relay's terms. Only {@link Refused} lets the task try
 * another channel: the upstream said no, or never heard the request. {@link Unknown} is reconciled
 * and never resent blind; {@link Rejected} fails the task (the request itself is bad, so every
 * channel would refuse it).
 */
public sealed interface Submission {

  /** The upstream took the job and named it; its state is polled from now on. */
  record Accepted(String upstreamId) implements Submission {
    public Accepted {
      requireNonNull(upstreamId, "upstreamId is null");
    }
  }

  /** A synchronous upstream call answered with the result itself (kept, then interpreted). */
  record Answered(String upstreamId, JsonNode answer) implements Submission {
    public Answered {
      requireNonNull(upstreamId, "upstreamId is null");
      requireNonNull(answer, "answer is null");
    }
  }

  /** The upstream refused the request itself (invalid, blocked content): no channel will take it. */
  record Rejected(FailureCode code, String message) implements Submission {
    public Rejected {
      requireNonNull(code, "code is null");
      requireNonNull(message, "message is null");
    }
  }

  /**
   * Definitely not accepted: never sent (connection refused, rate-limited here), or answered with a
   * refusal that did nothing (429, 503, bad credentials, out of quota). Safe to fail over.
   *
   * @param retryAt when this channel may take requests again, or null if it did not say
   */
  record Refused(String reason, Instant retryAt) implements Submission {
    public Refused {
      requireNonNull(reason, "reason is null");
    }
  }

  /** The request may have arrived and been acted on (timeout after sending, dropped connection, an odd answer). */
  record Unknown(String reason) implements Submission {
    public Unknown {
      requireNonNull(reason, "reason is null");
    }
  }
}
