package io.backbeat.engine.compose;

import java.util.Locale;

/** Song sections; energy scales density and dynamics. */
public enum SectionKind {
  INTRO(0.45),
  VERSE(0.65),
  PRE_CHORUS(0.75),
  CHORUS(1.0),
  BRIDGE(0.6),
  BREAK(0.8),
  OUTRO(0.45);

  private final double energy;

  SectionKind(double energy) {
    this.energy = energy;
  }

  public double energy() {
    return energy;
  }

  /** Maps a lyric-sheet section name ("PRE_CHORUS", "Hook", "Refrain"…) to a kind. */
  public static SectionKind fromName(String name) {
    String n = name == null ? "" : name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    if (n.startsWith("INTRO")) {
      return INTRO;
    }
    if (n.startsWith("PRE")) {
      return PRE_CHORUS;
    }
    if (n.startsWith("CHORUS") || n.startsWith("HOOK") || n.startsWith("REFRAIN") || n.startsWith("DROP")) {
      return CHORUS;
    }
    if (n.startsWith("BRIDGE") || n.startsWith("MIDDLE")) {
      return BRIDGE;
    }
    if (n.startsWith("OUTRO") || n.startsWith("END") || n.startsWith("CODA")) {
      return OUTRO;
    }
    if (n.startsWith("BREAK") || n.startsWith("INSTRUMENTAL") || n.startsWith("SOLO") || n.startsWith("INTERLUDE")) {
      return BREAK;
    }
    return VERSE;
  }
}
