package io.backbeat.engine.theory;

/** Chord qualities as intervals above the root. */
public enum ChordQuality {
  MAJOR("", 0, 4, 7),
  MINOR("m", 0, 3, 7),
  DIMINISHED("dim", 0, 3, 6),
  AUGMENTED("aug", 0, 4, 8),
  SUS2("sus2", 0, 2, 7),
  SUS4("sus4", 0, 5, 7),
  POWER("5", 0, 7),
  MAJOR7("maj7", 0, 4, 7, 11),
  MINOR7("m7", 0, 3, 7, 10),
  DOMINANT7("7", 0, 4, 7, 10),
  HALF_DIMINISHED7("m7b5", 0, 3, 6, 10),
  MINOR9("m9", 0, 3, 7, 10, 14),
  MAJOR9("maj9", 0, 4, 7, 11, 14);

  private final String suffix;
  private final int[] intervals;

  ChordQuality(String suffix, int... intervals) {
    this.suffix = suffix;
    this.intervals = intervals;
  }

  public String suffix() {
    return suffix;
  }

  public int size() {
    return intervals.length;
  }

  public int interval(int i) {
    return intervals[i];
  }

  public boolean isMinorish() {
    return intervals.length > 1 && intervals[1] == 3;
  }

  /** The seventh-chord version of a triad quality (used for jazzy genres). */
  public ChordQuality withSeventh(boolean dominant) {
    return switch (this) {
      case MAJOR -> dominant ? DOMINANT7 : MAJOR7;
      case MINOR -> MINOR7;
      case DIMINISHED -> HALF_DIMINISHED7;
      default -> this;
    };
  }
}
