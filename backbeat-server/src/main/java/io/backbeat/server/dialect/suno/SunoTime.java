package io.backbeat.server.dialect.suno;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Suno's {@code createTime} format: {@code 2025-01-01 00:00:00}, in UTC. */
final class SunoTime {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private SunoTime() {}

  static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }
}
