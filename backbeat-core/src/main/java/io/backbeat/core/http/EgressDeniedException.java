package io.backbeat.core.http;

/**
 * The egress policy refused the target before any connection was made: not an http(s) URL, no host,
 * credentials in the URL, a host that does not resolve, or an address that is loopback, private,
 * link-local and so on. Always {@link SendClassification#NOT_SENT}.
 */
public final class EgressDeniedException extends EgressException {
  public EgressDeniedException(String message) {
    super(message, null, SendClassification.NOT_SENT, null, -1);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
