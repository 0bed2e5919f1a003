package io.backbeat.engine.voice;

import io.backbeat.engine.compose.VoiceRange;
import java.util.Objects;

/**
 * A singer: GM voice patch, range, and a label for logs and metadata.
 *
 * @param female true for the higher (female) register
 */
public record Voice(String label, boolean female, VoiceRange range) {
  public Voice {
    Objects.requireNonNull(label, "label is null");
    Objects.requireNonNull(range, "range is null");
  }

  public int program() {
    return range.program();
  }
}
