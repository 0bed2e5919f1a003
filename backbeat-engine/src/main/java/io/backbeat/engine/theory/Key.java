package io.backbeat.engine.theory;

import java.util.Objects;
import java.util.Optional;

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

  /** The key a {@link #name()} names ("A minor", "Eb major"); empty for anything else. */
  public static Optional<Key> parse(String name) {
    String[] parts = name == null ? new String[0] : name.strip().split(" ");
    if (parts.length != 2) {
      return Optional.empty();
    }
    for (int tonic = 0; tonic < 12; tonic++) {
      if (SHARP_NAMES[tonic].equals(parts[0])) {
        for (Mode mode : Mode.values()) {
          if (mode.label().equals(parts[1])) {
            return Optional.of(new Key(tonic, mode));
          }
        }
      }
    }
    return Optional.empty();
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
