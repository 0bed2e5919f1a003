package io.backbeat.core.http;

/**
 * No complete answer within the call's timeout (or the connect timeout). {@link
 * SendClassification#NOT_SENT} if it ran out while resolving or connecting, {@link
 * SendClassification#SENT_NO_RESPONSE} once the request had started going out.
 */
public final class EgressTimeoutException extends EgressException {
  EgressTimeoutException(String message, Throwable cause, SendClassification classification, String method, int status) {
    super(message, cause, classification, method, status);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
