package io.backbeat.core.http;

/** The target answered, but past a limit: a body larger than allowed, or too many redirects. */
public final class EgressLimitException extends EgressException {
  public EgressLimitException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
