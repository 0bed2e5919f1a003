package io.backbeat.engine.voice;

import io.backbeat.engine.compose.VoiceRange;
import java.util.Objects;

/**
 * A singer: range (and the GM patch an instrumental fallback would play), timbre, and a label for
 * logs and metadata.
 *
 * @param female true for the higher (female) register
 * @param timbre how the voice sounds; personas vary it
 */
public record Voice(String label, boolean female, VoiceRange range, VoiceTimbre timbre) {
  public Voice {
    Objects.requireNonNull(label, "label is null");
    Objects.requireNonNull(range, "range is null");
    Objects.requireNonNull(timbre, "timbre is null");
  }

  /** A singer with the default timbre of its register. */
  public Voice(String label, boolean female, VoiceRange range) {
    this(label, female, range, VoiceTimbre.of(female));
  }

  /** The same singer with another timbre (a persona's formant scale, vibrato, glide, air). */
  public Voice withTimbre(VoiceTimbre newTimbre) {
    return new Voice(label, female, range, newTimbre);
  }

  /** The same singer in another register (a persona's range; the melody is written inside it). */
  public Voice withRange(VoiceRange newRange) {
    return new Voice(label, female, newRange, timbre);
  }

  public int program() {
    return range.program();
  }
}
