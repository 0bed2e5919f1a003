package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Chord;
import java.util.List;
import java.util.Objects;

/**
 * A section placed on the timeline.
 *
 * @param chords one chord per bar
 * @param lines the lyric lines sung here (empty when instrumental)
 * @param barsPerLine bars given to each lyric line
 */
public record SectionPlan(SectionKind kind, String label, int startBar, int bars, List<Chord> chords,
    List<String> lines, int barsPerLine) {
  public SectionPlan {
    Objects.requireNonNull(kind, "kind is null");
    chords = List.copyOf(chords);
    lines = List.copyOf(lines);
    if (chords.size() != bars) {
      throw new IllegalArgumentException("one chord per bar: " + chords.size() + " != " + bars);
    }
  }

  public int endBar() {
    return startBar + bars;
  }

  public Chord chordAtBar(int bar) {
    return chords.get(Math.max(0, Math.min(bars - 1, bar - startBar)));
  }
}
