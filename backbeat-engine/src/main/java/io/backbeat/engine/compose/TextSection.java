package io.backbeat.engine.compose;

import java.util.List;
import java.util.Objects;

/** A lyric section to be sung: its kind, label and lines (empty for instrumental sections). */
public record TextSection(SectionKind kind, String label, List<String> lines) {
  public TextSection {
    Objects.requireNonNull(kind, "kind is null");
    label = label == null ? kind.name() : label;
    lines = List.copyOf(lines);
  }
}
