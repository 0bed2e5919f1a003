package io.backbeat.core.provider;

import io.backbeat.core.task.FailureCode;

/** Thrown by a provider when a task can never succeed (bad input, blocked content): no retry. */
public final class TaskFailedException extends Exception {
  private final FailureCode code;

  public TaskFailedException(FailureCode code, String message) {
    super(message);
    this.code = code;
  }

  public FailureCode code() {
    return code;
  }
}
