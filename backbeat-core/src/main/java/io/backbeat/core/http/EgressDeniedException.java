package io.backbeat.core.http;

/**
 * The egress policy refused the target before any connection was made: not an http(s) URL, no host,
 * credentials in the URL, or an address that is loopback, private, link-local and so on.
 */
public final class EgressDeniedException extends EgressException {
  public EgressDeniedException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
