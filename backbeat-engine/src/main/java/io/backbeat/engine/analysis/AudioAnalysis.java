package io.backbeat.engine.analysis;

import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.Key;
import java.util.List;
import java.util.Objects;

/**
 * What a recording is, musically: its length, beat grid (tempo and where bars start), key, where a
 * melody in it sits, its loudness over time, its sections and a chord per bar. Made by {@link
 * AudioAnalyzer}; arrangements fitted to a recording are built from it.
 *
 * @param bpm the tempo with its fraction; when no pulse was found, {@link AudioAnalyzer#DEFAULT_BPM}
 *     and {@code tempoConfidence} 0
 * @param downbeatSeconds where bar 0 starts (0 ≤ it &lt; one bar); music before it is a pickup
 * @param keyConfidence how far the key's profile correlation leads the runner-up's
 * @param pitchCentreMidi the median pitch of the voiced frames as a MIDI note (60 = middle C), NaN
 *     when the recording carries no clear pitch
 * @param integratedLufs the loudness of the mono fold, +3 dB (exact for centred material), in LUFS
 * @param contourDb short-term RMS level in dBFS, one value every {@code contourHopSeconds}
 * @param sections the form on the bar grid, covering bars 0 … {@link #bars()} − 1
 * @param barChords one chord per bar, diatonic to {@code key}
 */
public record AudioAnalysis(
    double durationSeconds,
    double bpm,
    double tempoConfidence,
    double downbeatSeconds,
    Key key,
    double keyConfidence,
    double pitchCentreMidi,
    double integratedLufs,
    double contourHopSeconds,
    double[] contourDb,
    List<Section> sections,
    List<Chord> barChords) {

  public static final int BEATS_PER_BAR = 4;

  /** Bars {@code startBar} … {@code startBar + bars − 1}; {@code meanDb} is its RMS level. */
  public record Section(int startBar, int bars, double meanDb) {
    public Section {
      if (startBar < 0 || bars < 1) {
        throw new IllegalArgumentException("a section needs a start ≥ 0 and at least one bar");
      }
    }
  }

  public AudioAnalysis {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(contourDb, "contourDb is null");
    sections = List.copyOf(sections);
    barChords = List.copyOf(barChords);
  }

  public double beatSeconds() {
    return 60.0 / bpm;
  }

  public double barSeconds() {
    return BEATS_PER_BAR * beatSeconds();
  }

  /** Whole bars from the first downbeat to the end. */
  public int bars() {
    return barChords.size();
  }

  /** When bar {@code bar} starts, in seconds. */
  public double barStart(int bar) {
    return downbeatSeconds + bar * barSeconds();
  }

  /** The beat-grid line (a beat, or a bar line when {@code barsOnly}) nearest to {@code seconds}. */
  public double nearestGridLine(double seconds, boolean barsOnly) {
    double unit = barsOnly ? barSeconds() : beatSeconds();
    double index = Math.rint((seconds - downbeatSeconds) / unit);
    return downbeatSeconds + index * unit;
  }

  /** The mean contour level between two times, in dBFS (the quietest level for an empty span). */
  public double meanDb(double fromSeconds, double toSeconds) {
    int from = (int) Math.max(0, Math.floor(fromSeconds / contourHopSeconds));
    int to = (int) Math.min(contourDb.length, Math.ceil(toSeconds / contourHopSeconds));
    if (to <= from) {
      return AudioAnalyzer.FLOOR_DB;
    }
    double power = 0;
    for (int i = from; i < to; i++) {
      power += Math.pow(10, contourDb[i] / 10);
    }
    return 10 * Math.log10(power / (to - from));
  }
}
