package io.backbeat.engine.compose;

/** One note in beats (quarter notes) from the song start, before swing. */
public record NoteEvent(double beat, double length, int pitch, int velocity) {
  public NoteEvent {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive: " + length);
    }
    pitch = Math.max(0, Math.min(127, pitch));
    velocity = Math.max(1, Math.min(127, velocity));
  }

  public double end() {
    return beat + length;
  }
}
