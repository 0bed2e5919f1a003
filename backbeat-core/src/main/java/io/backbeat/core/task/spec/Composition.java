package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * What to compose: either an idea the studio writes lyrics, title and style for ({@code prompt}),
 * or the caller's own title, style and lyrics sung as written.
 *
 * @param prompt the idea, when the studio writes the song; null when the caller wrote it
 * @param lyrics the words to sing as written; null when the studio writes them or for instrumentals
 * @param title the caller's title, or null to derive one
 * @param style the caller's style text (genre, tempo, mood, instruments), or null to derive one
 */
public record Composition(String prompt, String lyrics, String title, String style, boolean instrumental, Shaping shaping) {
  public Composition {
    shaping = requireNonNullElse(shaping, Shaping.NONE);
  }

  /** The caller wrote the song (Suno's "custom mode"); otherwise the studio writes it from {@code prompt}. */
  @JsonIgnore
  public boolean callerWritten() {
    return prompt == null;
  }

  Map<String, String> texts() {
    return Texts.of()
        .add("prompt", prompt)
        .add("lyrics", lyrics)
        .add("title", title)
        .add("style", style)
        .add("excludedStyles", shaping.excludedStyles())
        .build();
  }
}
