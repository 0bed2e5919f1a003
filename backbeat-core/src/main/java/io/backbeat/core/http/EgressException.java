package io.backbeat.core.http;

import java.io.IOException;

/**
 * An outbound request that did not produce a usable answer for a reason we can name. Messages are
 * safe to show to the user: URLs in them are {@link Redaction#url redacted}. Other {@link IOException}s
 * from the client are plain network failures (refused, reset, TLS).
 */
public abstract sealed class EgressException extends IOException
    permits EgressDeniedException, EgressLimitException, EgressStatusException, EgressTimeoutException {

  EgressException(String message) {
    super(message);
  }

  EgressException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same request, tried again later, could succeed. */
  public abstract boolean retryable();
}
