package io.backbeat.core.task.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link TaskSpec#moderatedTexts()} maps: named texts in order, blanks left out. */
final class Texts {
  private final Map<String, String> texts = new LinkedHashMap<>();

  static Texts of() {
    return new Texts();
  }

  Texts add(String field, String text) {
    if (text != null && !text.isBlank()) {
      texts.put(field, text);
    }
    return this;
  }

  Texts addAll(Map<String, String> more) {
    more.forEach(this::add);
    return this;
  }

  Map<String, String> build() {
    return java.util.Collections.unmodifiableMap(texts);
  }
}
