package io.backbeat.core.http;

/**
 * The target answered with a status the call does not accept (a download's final status other than
 * 2xx, after redirects). Always {@link SendClassification#RESPONSE}.
 */
public final class EgressStatusException extends EgressException {
  EgressStatusException(int status, String message, String method) {
    super(message, null, SendClassification.RESPONSE, method, status);
  }

  /** The status that was answered. */
  public int statusCode() {
    return status().orElseThrow();
  }

  /** 408, 429 and 5xx are about the server's state, not the request; anything else will repeat. */
  @Override
  public boolean retryable() {
    int status = statusCode();
    return status == 408 || status == 429 || status >= 500;
  }
}
