package io.backbeat.core.http;

import java.util.Locale;
import java.util.Set;

/**
 * The decisions a caller makes about a failed call, named after the question each answers. All of
 * them are keyed on "could the request have been sent?" ({@link SendClassification}); anything that is
 * not an {@link EgressException} is unknown, and unknown is treated as "may have been sent".
 */
public final class SendFailures {
  /**
   * Statuses that say the request was not processed, so sending it again is safe for any method: 408
   * (the server gave up waiting for the request), 429 (refused for rate), 503 (not accepting work).
   */
  private static final Set<Integer> NOT_PROCESSED = Set.of(408, 429, 503);

  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");

  private SendFailures() {}

  /** The classification of any failure; a failure we did not classify counts as possibly sent. */
  public static SendClassification classify(Throwable failure) {
    return failure instanceof EgressException egress ? egress.classification() : SendClassification.SENT_NO_RESPONSE;
  }

  /** Whether any request byte may have reached the target: everything except {@code NOT_SENT}. */
  public static boolean wasSendStarted(Throwable failure) {
    return classify(failure) != SendClassification.NOT_SENT;
  }

  /** Whether the request may go to another upstream instead: only when it was certainly not sent. */
  public static boolean canFailOver(Throwable failure) {
    return classify(failure) == SendClassification.NOT_SENT;
  }

  /**
   * Whether the same request may be sent to the same target again, later. Not sent: if the cause
   * can pass (a refused connection, a rate limit; not a policy denial). Sent without an answer: only
   * for an idempotent method; otherwise reconcile, never resend blind. Answered: if the status is
   * retryable for the method ({@link #isRetryableStatus}).
   */
  public static boolean isRetryable(Throwable failure) {
    if (!(failure instanceof EgressException egress)) {
      return false;
    }
    return switch (egress.classification()) {
      case NOT_SENT -> egress.retryable();
      case SENT_NO_RESPONSE -> egress.retryable() && egress.idempotent();
      case RESPONSE ->
          egress.retryable()
              && egress.status().isPresent()
              && isRetryableStatus(egress.method().orElse(""), egress.status().getAsInt());
    };
  }

  /**
   * Whether an answer with {@code status} to a {@code method} request may be retried: 408, 429 and
   * 503 for any method (the request was not processed); other 5xx only for idempotent methods (a 500
   * or 504 to a POST may come after the target acted).
   */
  public static boolean isRetryableStatus(String method, int status) {
    if (NOT_PROCESSED.contains(status)) {
      return true;
    }
    return status >= 500 && status <= 599 && IDEMPOTENT.contains(method.toUpperCase(Locale.ROOT));
  }
}
