package io.backbeat.core.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delays between callback attempts. The default is the Standard Webhooks / Svix schedule: after the
 * first attempt fails, retry after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then give up.
 */
public record RetrySchedule(List<Duration> delays) {
  public static final RetrySchedule DEFAULT =
      new RetrySchedule(
          List.of(
              Duration.ofSeconds(5),
              Duration.ofMinutes(5),
              Duration.ofMinutes(30),
              Duration.ofHours(2),
              Duration.ofHours(5),
              Duration.ofHours(10),
              Duration.ofHours(10)));

  public RetrySchedule {
    delays = List.copyOf(delays);
  }

  /** The delay before attempt {@code attemptsMade + 1}, or empty when no attempt is left. */
  public Optional<Duration> delayAfter(int attemptsMade) {
    int index = attemptsMade - 1;
    return index >= 0 && index < delays.size() ? Optional.of(delays.get(index)) : Optional.empty();
  }

  /** Parses {@code 5s,5m,30m,2h} (units ms, s, m, h). */
  public static RetrySchedule parse(String text) {
    List<Duration> delays = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      delays.add(parseDuration(p));
    }
    return new RetrySchedule(delays);
  }

  public static Duration parseDuration(String p) {
    try {
      if (p.endsWith("ms")) return Duration.ofMillis(Long.parseLong(p.substring(0, p.length() - 2)));
      long n = Long.parseLong(p.substring(0, p.length() - 1));
      return switch (p.charAt(p.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException("unknown unit in duration '" + p + "' (use ms, s, m, h, d)");
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("invalid duration '" + p + "' (examples: 500ms, 5s, 30m, 2h)");
    }
  }
}
