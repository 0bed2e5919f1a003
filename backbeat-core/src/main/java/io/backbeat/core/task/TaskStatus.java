package io.backbeat.core.task;

import java.util.Locale;

/** The canonical lifecycle. Dialects map it to their own vocabulary; it is stored lowercase. */
public enum TaskStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
