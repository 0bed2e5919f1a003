package io.backbeat.core.billing;

import io.backbeat.core.task.TaskKind;
import java.util.Map;

/**
 * Credits per task, by kind and optionally by model: {@code "SONG:V5" → 12} wins over
 * {@code "SONG" → 10}. A kind with no price is free.
 */
public record PriceTable(Map<String, Long> prices) {
  public static final PriceTable DEFAULT =
      new PriceTable(
          Map.ofEntries(
              Map.entry("LYRICS", 1L),
              Map.entry("SONG", 10L),
              // work on an upload renders two clips, like a song
              Map.entry("UPLOAD_COVER", 10L),
              Map.entry("UPLOAD_EXTEND", 10L),
              Map.entry("ADD_VOCALS", 10L),
              Map.entry("ADD_INSTRUMENTAL", 10L),
              // work on one of our clips renders two new clips too
              Map.entry("EXTEND", 10L),
              Map.entry("REPLACE_SECTION", 10L),
              Map.entry("COVER_ART", 2L),
              Map.entry("WAV", 1L),
              Map.entry("MP4", 5L),
              Map.entry("STEMS", 5L),
              Map.entry("IMAGE", 2L),
              Map.entry("VIDEO", 20L)));

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
