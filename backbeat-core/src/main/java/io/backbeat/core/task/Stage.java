package io.backbeat.core.task;

import java.util.Locale;

/** Progress inside RUNNING for staged work (music: text → first clip → complete). */
public enum Stage {
  NONE,
  TEXT,
  FIRST,
  COMPLETE;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Stage fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
