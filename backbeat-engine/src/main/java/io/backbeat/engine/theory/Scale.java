package io.backbeat.engine.theory;

import java.util.Objects;

/**
 * Maps scale degrees to MIDI notes. Degree 0 is the tonic in the octave that starts at MIDI note
 * 60 (middle C) or just below it; negative degrees go down.
 */
public record Scale(Key key) {
  public Scale {
    Objects.requireNonNull(key, "key is null");
  }

  /** MIDI note of a scale degree counted from the tonic at or below middle C + 11. */
  public int note(int degree) {
    return 60 + key.tonic() + key.mode().semitones(degree);
  }

  /** True when the pitch class belongs to the scale. */
  public boolean contains(int midiNote) {
    int rel = Math.floorMod(midiNote - key.tonic(), 12);
    for (int i = 0; i < 7; i++) {
      if (key.mode().semitones(i) == rel) {
        return true;
      }
    }
    return false;
  }

  /** The scale degree whose note is nearest to {@code midiNote} (ties go down). */
  public int nearestDegree(int midiNote) {
    int guess = Math.floorDiv((midiNote - 60 - key.tonic()) * 7, 12);
    int best = guess;
    int bestDist = Integer.MAX_VALUE;
    for (int d = guess - 2; d <= guess + 2; d++) {
      int dist = Math.abs(note(d) - midiNote);
      if (dist < bestDist) {
        bestDist = dist;
        best = d;
      }
    }
    return best;
  }
}
