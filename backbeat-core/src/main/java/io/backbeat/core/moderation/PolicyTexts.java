package io.backbeat.core.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Picks the human-written texts out of a request or result (not URLs, ids or enum values). */
public final class PolicyTexts {
  private static final Set<String> SKIPPED =
      Set.of("model", "vocalGender", "negativeTags", "callBackUrl", "uploadUrl", "audioId", "taskId", "personaId", "id",
          "audio", "image", "words", "stems", "key", "type");

  private PolicyTexts() {}

  /** Field path → text for every textual value, e.g. {@code prompt}, {@code clips[1].title}. */
  public static Map<String, String> of(JsonNode node) {
    Map<String, String> texts = new LinkedHashMap<>();
    collect("", node, texts);
    return texts;
  }

  private static void collect(String path, JsonNode node, Map<String, String> texts) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (!SKIPPED.contains(e.getKey()) && !e.getKey().endsWith("Url")) {
          collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), texts);
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(path + "[" + i + "]", node.get(i), texts);
      }
    } else if (node.isTextual()) {
      texts.put(path, node.asText());
    }
  }
}
