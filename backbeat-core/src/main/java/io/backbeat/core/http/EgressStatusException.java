package io.backbeat.core.http;

/** A download target answered with a status other than 2xx (after following redirects). */
public final class EgressStatusException extends EgressException {
  private final int status;

  public EgressStatusException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 408, 429 and 5xx are about the server's state, not the request; anything else will repeat. */
  @Override
  public boolean retryable() {
    return status == 408 || status == 429 || status >= 500;
  }
}
