package io.backbeat.engine.compose;

/** The instrument and MIDI range a melody is written for. */
public record VoiceRange(int program, int low, int high) {
  public VoiceRange {
    if (high - low < 12) {
      throw new IllegalArgumentException("range must span an octave: " + low + ".." + high);
    }
  }

  public int center() {
    return (low + high) / 2;
  }
}
