package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Key;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A composed song: timeline, harmony, the parts to render and the sung words.
 *
 * @param syllables the sung syllables in time order, one per vocal note
 * @param tailSeconds silence-and-release time after the last bar so the final chord rings out
 */
public record Arrangement(Key key, Groove groove, int totalBars, List<SectionPlan> sections,
    List<Part> parts, List<SungWord> words, List<SungSyllable> syllables, double tailSeconds) {
  public Arrangement {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(groove, "groove is null");
    sections = List.copyOf(sections);
    parts = List.copyOf(parts);
    words = List.copyOf(words);
    syllables = List.copyOf(syllables);
  }

  /** The tempo rounded to a whole number (labels, metadata); the groove keeps the exact one. */
  public int bpm() {
    return groove.tempo().rounded();
  }

  public double durationSeconds() {
    return groove.seconds(totalBars * 4.0) + tailSeconds;
  }

  public Optional<Part> part(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
