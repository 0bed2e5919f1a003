package io.backbeat.core.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Picks the human-readable texts out of a provider's canonical result (titles, tags, lyrics, …),
 * by the canonical result keys; asset keys, ids, numbers and URLs are never texts.
 */
public final class OutputTexts {
  /** Canonical result keys whose string values (or strings in arrays under them) are shown to people. */
  private static final Set<String> TEXT_KEYS =
      Set.of("title", "tags", "lyrics", "prompt", "text", "style", "name", "description", "caption");

  private OutputTexts() {}

  /** Field path → text, e.g. {@code clips[1].title}, {@code lyrics[0].text}. */
  public static Map<String, String> of(JsonNode result) {
    Map<String, String> texts = new LinkedHashMap<>();
    collect("", null, result, texts);
    return texts;
  }

  private static void collect(String path, String key, JsonNode node, Map<String, String> texts) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      node.properties().forEach(e -> collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getKey(), e.getValue(), texts));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(path + "[" + i + "]", key, node.get(i), texts);
      }
    } else if (node.isTextual() && key != null && TEXT_KEYS.contains(key)) {
      texts.put(path, node.asText());
    }
  }
}
