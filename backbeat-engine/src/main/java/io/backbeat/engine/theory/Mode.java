package io.backbeat.engine.theory;

/** Diatonic modes as semitone offsets from the tonic. */
public enum Mode {
  MAJOR("major", 0, 2, 4, 5, 7, 9, 11),
  MINOR("minor", 0, 2, 3, 5, 7, 8, 10),
  DORIAN("dorian", 0, 2, 3, 5, 7, 9, 10),
  MIXOLYDIAN("mixolydian", 0, 2, 4, 5, 7, 9, 10),
  PHRYGIAN("phrygian", 0, 1, 3, 5, 7, 8, 10),
  LYDIAN("lydian", 0, 2, 4, 6, 7, 9, 11);

  private final String label;
  private final int[] steps;

  Mode(String label, int... steps) {
    this.label = label;
    this.steps = steps;
  }

  public String label() {
    return label;
  }

  /** Semitones above the tonic of scale degree {@code index} (0-based, wraps by octave). */
  public int semitones(int index) {
    int octave = Math.floorDiv(index, 7);
    return steps[Math.floorMod(index, 7)] + 12 * octave;
  }

  /** True when the third above the tonic is minor: decides the chord quality family. */
  public boolean isMinor() {
    return steps[2] == 3;
  }
}
