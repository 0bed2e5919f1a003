package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.Key;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An arrangement fitted to a recording instead of composed freely: its tempo (with the fraction),
 * where bar 0 sounds, its key, its sections bar for bar (and, when known, its chords), its length,
 * and which parts to keep — all of them for a cover, only the vocal to sing over an instrumental,
 * everything but vocal and lead to accompany a singer.
 *
 * @param offsetSeconds when bar 0 starts (the recording's first downbeat)
 * @param totalSeconds the arrangement's length, release tail included; 0 for the usual tail
 * @param roles the parts to keep; every part when it holds every role
 */
public record Fit(double bpm, double offsetSeconds, Key key, List<Section> sections, double totalSeconds, Set<PartRole> roles) {
  /** Every role: a full arrangement. */
  public static final Set<PartRole> ALL = Set.of(PartRole.values());

  /**
   * One section.
   *
   * @param bars its length in bars, or {@link #AS_SUNG} for as many as its lyric lines need
   * @param chords one chord per bar to play, or empty to compose the harmony
   */
  public record Section(SectionKind kind, int bars, List<Chord> chords) {
    public static final int AS_SUNG = -1;

    public Section {
      Objects.requireNonNull(kind, "kind is null");
      chords = List.copyOf(chords);
      if (bars == 0 || bars < AS_SUNG) {
        throw new IllegalArgumentException("bars must be positive or AS_SUNG: " + bars);
      }
      if (!chords.isEmpty() && chords.size() != bars) {
        throw new IllegalArgumentException("one chord per bar: " + chords.size() + " chords for " + bars + " bars");
      }
    }

    public Section(SectionKind kind, int bars) {
      this(kind, bars, List.of());
    }
  }

  public Fit {
    Objects.requireNonNull(key, "key is null");
    sections = List.copyOf(sections);
    roles = Set.copyOf(roles);
    if (sections.isEmpty()) {
      throw new IllegalArgumentException("a fit needs at least one section");
    }
    if (!(offsetSeconds >= 0) || !(totalSeconds >= 0)) {
      throw new IllegalArgumentException("offsetSeconds and totalSeconds must not be negative");
    }
  }
}
