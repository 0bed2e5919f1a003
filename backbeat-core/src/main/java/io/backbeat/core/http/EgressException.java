package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An outbound call that did not produce a usable answer, with what the target may have done about it
 * ({@link #classification()}). Messages are safe to show to the user: URLs in them are {@link
 * Redaction#url redacted}, and no header value (credentials, signatures) or body ever appears.
 */
public abstract sealed class EgressException extends IOException
    permits EgressDeniedException,
        EgressRateLimitedException,
        EgressNetworkException,
        EgressTimeoutException,
        EgressStatusException,
        EgressLimitException,
        EgressBodyException {

  /** RFC 9110 §9.2.2: sending these again has the same effect on the target as sending them once. */
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");

  private final SendClassification classification;
  private final String method;
  private final int status;

  EgressException(String message, Throwable cause, SendClassification classification, String method, int status) {
    super(message, cause);
    this.classification = requireNonNull(classification, "classification is null");
    this.method = method == null ? null : method.toUpperCase(Locale.ROOT);
    this.status = status;
  }

  /** Whether the target may have received the request, and whether it answered. */
  public SendClassification classification() {
    return classification;
  }

  /** The HTTP status of the answer, when its head arrived. */
  public OptionalInt status() {
    return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** The request's method, when the failure belongs to a request (a bare URL check has none). */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /** Whether the request's method is idempotent (GET, HEAD, PUT, DELETE): sending it twice acts once. */
  public boolean idempotent() {
    return method != null && IDEMPOTENT.contains(method);
  }

  /**
   * Whether the same request, tried again later, could succeed. This says nothing about whether it is
   * safe to send again: use {@link SendFailures#isRetryable} for that.
   */
  public abstract boolean retryable();
}
