package io.backbeat.engine.theory;

/**
 * Beats per minute; converts beats to seconds. Composed songs use whole numbers; a tempo measured
 * on an upload keeps its fraction (97.35), so parts played over the upload do not drift from it.
 */
public record Tempo(double bpm) {
  public Tempo {
    if (!(bpm >= 30 && bpm <= 300)) {
      throw new IllegalArgumentException("bpm out of range 30..300: " + bpm);
    }
  }

  /** The tempo rounded to a whole number, as songs are labelled ("97 bpm"). */
  public int rounded() {
    return (int) Math.round(bpm);
  }

  public double secondsPerBeat() {
    return 60.0 / bpm;
  }

  public double seconds(double beats) {
    return beats * 60.0 / bpm;
  }

  public double beats(double seconds) {
    return seconds * bpm / 60.0;
  }
}
