package io.backbeat.core.store;

/** A unique constraint rejected an insert: another request committed the same row first. */
public final class DuplicateKeyException extends RuntimeException {
  public DuplicateKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
