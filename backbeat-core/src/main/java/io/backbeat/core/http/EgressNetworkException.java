package io.backbeat.core.http;

/**
 * The exchange broke off: the connection was refused or reset, closed before or during the answer,
 * TLS failed, the host lookup itself failed, or the calling thread was interrupted. Its {@link
 * #classification()} says whether the request had started going out.
 */
public final class EgressNetworkException extends EgressException {
  EgressNetworkException(String message, Throwable cause, SendClassification classification, String method, int status) {
    super(message, cause, classification, method, status);
  }

  /** Networks recover: a refused or reset connection may work a moment later. */
  @Override
  public boolean retryable() {
    return true;
  }
}
