package io.backbeat.core.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** RFC 9110 §10.2.3 {@code Retry-After}: delay-seconds or an HTTP-date. */
public final class RetryAfter {
  private RetryAfter() {}

  /** When the answer says to come back, or empty if it does not say (or says it badly). */
  public static Optional<Instant> of(Headers headers, Instant now) {
    return headers.first("retry-after").flatMap(value -> parse(value, now));
  }

  /** {@code "120"} → now + 120 s; {@code "Wed, 21 Oct 2026 07:28:00 GMT"} → that instant; a past date → now. */
  public static Optional<Instant> parse(String value, Instant now) {
    String v = value.strip();
    if (v.matches("[0-9]{1,10}")) {
      return Optional.of(now.plus(Duration.ofSeconds(Long.parseLong(v))));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isBefore(now) ? now : at);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
