package io.backbeat.core.task.spec;

/** Last-line invariants of spec values. Dialects validate first, with messages in their own words. */
final class Checks {
  private Checks() {}

  static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  static Double unitOrNull(Double value, String name) {
    if (value != null && !(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
    }
    return value;
  }

  static Double nonNegativeOrNull(Double value, String name) {
    if (value != null && !(value >= 0)) {
      throw new IllegalArgumentException(name + " must not be negative, not " + value);
    }
    return value;
  }

  static int positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
    return value;
  }
}
