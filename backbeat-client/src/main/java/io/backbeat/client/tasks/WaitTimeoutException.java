package io.backbeat.client.tasks;

/** The task was not terminal when {@link WaitOptions#timeout()} ran out; {@link #last()} is its latest view. */
public final class WaitTimeoutException extends RuntimeException {
  private final TaskView last;

  public WaitTimeoutException(String message, TaskView last) {
    super(message);
    this.last = last;
  }

  public TaskView last() {
    return last;
  }
}
