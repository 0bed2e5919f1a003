package io.backbeat.core.http;

/**
 * The target answered, but past a limit: a body larger than allowed, or too many redirects. Always
 * {@link SendClassification#RESPONSE}; the same request would hit the same limit.
 */
public final class EgressLimitException extends EgressException {
  EgressLimitException(String message, String method, int status) {
    super(message, null, SendClassification.RESPONSE, method, status);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
