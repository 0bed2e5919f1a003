package io.backbeat.engine;

import java.time.Duration;
import java.util.Locale;

/** Per-model track length limits (contract-music §5.2) and the simple-mode song length. */
public final class ModelLimits {
  /** A simple-mode song is a full song: 1.5 to 4 minutes. */
  public static final Duration SIMPLE_MIN = Duration.ofSeconds(90);
  public static final Duration SIMPLE_MAX = Duration.ofMinutes(4);

  private ModelLimits() {}

  /** V4 (and the older V3_5): 4 minutes; every newer model: 8 minutes. */
  public static Duration maxLength(String model) {
    String m = model == null ? "" : model.strip().toUpperCase(Locale.ROOT);
    return m.equals("V4") || m.startsWith("V3") ? Duration.ofMinutes(4) : Duration.ofMinutes(8);
  }

  /** The bound a request's clips must fit in. */
  static Duration effectiveMax(SongRequest request) {
    Duration max = maxLength(request.model());
    if (!request.customMode() && SIMPLE_MAX.compareTo(max) < 0) {
      max = SIMPLE_MAX;
    }
    if (request.maxLength() != null && !request.maxLength().isNegative()
        && !request.maxLength().isZero() && request.maxLength().compareTo(max) < 0) {
      max = request.maxLength();
    }
    return max;
  }
}
