package io.backbeat.engine.theory;

/** Beats per minute; converts beats to seconds. */
public record Tempo(int bpm) {
  public Tempo {
    if (bpm < 30 || bpm > 300) {
      throw new IllegalArgumentException("bpm out of range 30..300: " + bpm);
    }
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
