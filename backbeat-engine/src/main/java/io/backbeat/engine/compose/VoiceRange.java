package io.backbeat.engine.compose;

/**
 * The instrument and MIDI range a melody is written for.
 *
 * @param centre where the sung line's median should sit (MIDI), or NaN to let the melody find its
 *     own place in the range; a persona sets it to the median its singer was measured at, because
 *     the range alone leaves the line free to sit several semitones higher or lower
 */
public record VoiceRange(int program, int low, int high, double centre) {
  public VoiceRange {
    if (high - low < 12) {
      throw new IllegalArgumentException("range must span an octave: " + low + ".." + high);
    }
  }

  public VoiceRange(int program, int low, int high) {
    this(program, low, high, Double.NaN);
  }

  public int center() {
    return (low + high) / 2;
  }

  public boolean hasCentre() {
    return !Double.isNaN(centre);
  }

  /** The same range moved by {@code semitones}, its centre kept where it was. */
  VoiceRange shifted(int semitones) {
    return new VoiceRange(program, low + semitones, high + semitones, centre);
  }
}
