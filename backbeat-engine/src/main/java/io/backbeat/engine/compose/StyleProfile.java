package io.backbeat.engine.compose;

import java.util.Objects;
import java.util.Set;

/**
 * What the style text, prompt and optional knobs ask for.
 *
 * @param bpm the tempo; {@code bpmExplicit} when the text said "NNN bpm" (then it is exact)
 * @param wanted instruments the text asked for
 * @param excluded instruments and traits removed by negative tags
 * @param adventure 0..1, how far to stray from the genre template (weirdness scaled by style
 *     weight): syncopation, borrowed chords, fills
 * @param ballad the text says "ballad": slower, sparser, even when the genre is not a ballad
 */
public record StyleProfile(
    Genre genre,
    int bpm,
    boolean bpmExplicit,
    Mood mood,
    Set<Instrument> wanted,
    Set<Instrument> excluded,
    VocalHint vocalHint,
    double adventure,
    boolean ballad,
    boolean retro,
    String tags) {
  public StyleProfile {
    Objects.requireNonNull(genre, "genre is null");
    Objects.requireNonNull(mood, "mood is null");
    wanted = Set.copyOf(wanted);
    excluded = Set.copyOf(excluded);
    Objects.requireNonNull(vocalHint, "vocalHint is null");
    Objects.requireNonNull(tags, "tags is null");
  }

  public boolean wants(Instrument instrument) {
    return wanted.contains(instrument) && !excluded.contains(instrument);
  }

  public boolean excludes(Instrument instrument) {
    return excluded.contains(instrument);
  }
}
