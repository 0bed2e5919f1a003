package io.backbeat.core.billing;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * Credits per task, by kind and optionally by model: {@code "SONG:V5" → 12} wins over
 * {@code "SONG" → 10}. A kind with no price is free.
 */
public record PriceTable(Map<String, Long> prices) {
  public static final PriceTable DEFAULT =
      new PriceTable(Map.of("LYRICS", 1L, "SONG", 10L, "COVER_ART", 2L, "WAV", 1L, "MP4", 5L, "STEMS", 5L, "IMAGE", 2L, "VIDEO", 20L));

  public PriceTable {
    prices = Map.copyOf(prices);
    prices.forEach((k, v) -> {
      if (v < 0) throw new IllegalArgumentException("price of " + k + " must not be negative");
    });
  }

  public long priceOf(TaskKind kind, String model) {
    if (model != null) {
      Long specific = prices.get(kind.name() + ":" + model);
      if (specific != null) {
        return specific;
      }
    }
    return prices.getOrDefault(kind.name(), 0L);
  }
}
