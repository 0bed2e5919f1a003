package io.backbeat.core.http;

/** No complete answer within the call's timeout (or the connect timeout). */
public final class EgressTimeoutException extends EgressException {
  public EgressTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
