package io.backbeat.engine.lyrics;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One section of a lyric sheet. {@code label} is the tag as written without repeat markers ("Verse
 * 2", "Chorus"), or the type's name for untagged text. {@code lines} holds the sung lines; it is
 * empty for instrumental parts such as a bare {@code [Intro]}.
 */
public record Section(SectionType type, String label, List<String> lines) {
  public Section {
    requireNonNull(type, "type is null");
    requireNonNull(label, "label is null");
    lines = List.copyOf(requireNonNull(lines, "lines is null"));
  }

  /** True when nothing is sung in this section. */
  public boolean isInstrumental() {
    return lines.isEmpty();
  }
}
