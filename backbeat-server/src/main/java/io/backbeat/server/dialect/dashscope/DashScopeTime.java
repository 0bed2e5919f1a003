package io.backbeat.server.dialect.dashscope;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** DashScope's timestamps: {@code yyyy-MM-dd HH:mm:ss.SSS} in task output, {@code yyyyMMddHHmmss} in list filters; UTC. */
final class DashScopeTime {
  private DashScopeTime() {}

  private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter FILTER = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  static String format(Instant instant) {
    return OUTPUT.format(instant);
  }
}
