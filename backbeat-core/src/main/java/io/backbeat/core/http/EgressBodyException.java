package io.backbeat.core.http;

/**
 * A successful status with a body that is not what the call asked for (a {@code 200} whose body is not
 * JSON). Always {@link SendClassification#RESPONSE}: the target acted, its answer is unusable.
 */
public final class EgressBodyException extends EgressException {
  EgressBodyException(String message, Throwable cause, String method, int status) {
    super(message, cause, SendClassification.RESPONSE, method, status);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
