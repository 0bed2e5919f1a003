package io.backbeat.engine.theory;

import java.util.Objects;

/** A tonic pitch class (0 = C) and a mode. */
public record Key(int tonic, Mode mode) {
  private static final String[] SHARP_NAMES = {
    "C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"
  };

  public Key {
    Objects.requireNonNull(mode, "mode is null");
    if (tonic < 0 || tonic > 11) {
      throw new IllegalArgumentException("tonic must be a pitch class 0..11: " + tonic);
    }
  }

  public static String pitchClassName(int pitchClass) {
    return SHARP_NAMES[Math.floorMod(pitchClass, 12)];
  }

  public Scale scale() {
    return new Scale(this);
  }

  /** "A minor", "Eb major". */
  public String name() {
    return pitchClassName(tonic) + " " + mode.label();
  }

  @Override
  public String toString() {
    return name();
  }
}
