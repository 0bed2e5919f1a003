package io.backbeat.core.billing;

import java.time.Instant;
import java.util.Locale;

/**
 * One movement of credits. HOLD, SETTLE and REFUND are unique per task, so no race can move money
 * twice for one task; TOPUP has no task. {@code amount} is positive; the kind says the direction
 * (HOLD takes from the balance, REFUND and TOPUP give back, SETTLE only confirms a hold).
 */
public record LedgerEntry(long id, String accountId, String taskId, Kind kind, long amount, long balanceAfter, Instant createdAt) {
  public enum Kind {
    HOLD,
    SETTLE,
    REFUND,
    TOPUP;

    public String dbValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromDb(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
