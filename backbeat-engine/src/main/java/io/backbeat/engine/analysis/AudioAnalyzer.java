package io.backbeat.engine.analysis;

import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * Analyses a recording (its mono analysis signal, e.g. {@link io.backbeat.engine.source.SourceAudio#analysis()}):
 *
 * <ul>
 *   <li>tempo: {@link TempoEstimator} (spectral flux, autocorrelation, comb with a prior around
 *       120 bpm), then {@link BeatGrid}: the period refined over the whole recording and the phase
 *       from short-window attacks;
 *   <li>downbeat: of the four beat phases, the one with the most low-frequency energy and the most
 *       pitch-class change (chords change on bar lines, kicks land on one);
 *   <li>key: chroma over the whole recording against the Krumhansl–Kessler profiles ({@link
 *       KeyFinder}); a chord per bar, diatonic to that key;
 *   <li>loudness: a 0.5 s RMS contour and the integrated loudness (BS.1770) of the mono fold;
 *   <li>sections: novelty of loudness, harmony and attacks between 4-bar windows ({@link SectionFinder});
 *   <li>pitch centre: the median YIN pitch of voiced frames ({@link PitchCentre}).
 * </ul>
 *
 * Deterministic, and all of it in memory at the analysis rate: 8 minutes take about a second.
 */
public final class AudioAnalyzer {
  /** The grid assumed when a recording has no pulse to follow (a pad, a rubato voice). */
  public static final double DEFAULT_BPM = 100;
  public static final double CONTOUR_HOP_SECONDS = 0.5;
  static final double FLOOR_DB = -120;
  /** Attack energy is read in this window after each beat for the downbeat choice. */
  private static final double BEAT_WINDOW_SECONDS = 0.07;

  private AudioAnalyzer() {}

  /**
   * @param mono the analysis signal
   * @param rate its sample rate
   * @param durationSeconds the recording's full length (the analysis signal may be a few samples shorter)
   */
  public static AudioAnalysis analyse(float[] mono, int rate, double durationSeconds) {
    TempoEstimate estimate = TempoEstimator.estimate(new float[][] {mono}, rate);
    BeatGrid grid = estimate.bpm() > 0 ? BeatGrid.fit(mono, rate, estimate.bpm()) : new BeatGrid(DEFAULT_BPM, 0, 0);
    double bpm = grid.confidence() > 0 ? grid.bpm() : DEFAULT_BPM;
    double beat = 60 / bpm;
    double confidence = grid.confidence() > 0 ? Math.min(estimate.confidence(), 1) : 0;

    Chroma chroma = Chroma.of(mono, rate);
    double[] lowBand = lowBandPower(mono, rate);
    double firstBeat = grid.confidence() > 0 ? grid.firstBeatSeconds() : 0;
    double downbeat = downbeat(firstBeat, beat, durationSeconds, chroma, lowBand, rate);
    double bar = AudioAnalysis.BEATS_PER_BAR * beat;

    double[] total = new double[12];
    for (int f = 0; f < chroma.frames.length; f++) {
      for (int pc = 0; pc < 12; pc++) {
        total[pc] += chroma.frames[f][pc];
      }
    }
    KeyFinder.Found key = KeyFinder.find(Chroma.normalised(total));

    double[] contour = contour(mono, rate);
    int bars = (int) Math.max(0, Math.floor((durationSeconds - downbeat) / bar + 1e-6));
    double[] barDb = new double[bars];
    double[][] barChroma = new double[bars][];
    double[] barAttacks = new double[bars];
    double[] attacks = BeatGrid.attacks(mono);
    List<Chord> chords = new ArrayList<>();
    Chord previous = null;
    for (int b = 0; b < bars; b++) {
      double from = downbeat + b * bar;
      double to = from + bar;
      barDb[b] = rmsDb(mono, rate, from, to);
      barChroma[b] = chroma.mean(from, to);
      barAttacks[b] = meanOver(attacks, (from * rate - BeatGrid.WINDOW) / BeatGrid.HOP, (to * rate - BeatGrid.WINDOW) / BeatGrid.HOP);
      previous = KeyFinder.chordOf(barChroma[b], key.key(), barDb[b] < -60 ? null : previous);
      chords.add(previous);
    }
    List<AudioAnalysis.Section> sections = new ArrayList<>();
    List<Integer> starts = SectionFinder.starts(barDb, barChroma, barAttacks);
    for (int i = 0; i < starts.size(); i++) {
      int start = starts.get(i);
      int end = i + 1 < starts.size() ? starts.get(i + 1) : bars;
      sections.add(new AudioAnalysis.Section(start, end - start, rmsDb(mono, rate, downbeat + start * bar, downbeat + end * bar)));
    }
    PitchCentre.Result pitch = PitchCentre.of(mono, rate);
    double mono3 = LoudnessMeter.integrated(new float[][] {mono}, rate);
    double lufs = mono3 <= LoudnessMeter.SILENCE ? LoudnessMeter.SILENCE : mono3 + 3.01;
    return new AudioAnalysis(
        durationSeconds,
        Math.round(bpm * 1000) / 1000.0,
        Math.round(confidence * 1000) / 1000.0,
        Math.round(downbeat * 10000) / 10000.0,
        key.key(),
        Math.round(key.margin() * 1000) / 1000.0,
        pitch.midi(),
        Math.round(lufs * 100) / 100.0,
        CONTOUR_HOP_SECONDS,
        contour,
        sections,
        chords);
  }

  /**
   * Which of the four beats starting at {@code firstBeat} is the bar's one: the phase whose beats
   * carry the most bass attack energy (kicks) plus the most pitch-class change (chord changes),
   * each as its share over the four phases. Returned in [0, one bar).
   */
  private static double downbeat(double firstBeat, double beat, double duration, Chroma chroma, double[] lowBand, int rate) {
    double[] low = new double[4];
    double[] change = new double[4];
    int k = 0;
    double[] previous = null;
    for (double t = firstBeat; t + beat <= duration + 1e-9; t += beat, k++) {
      int j = k % 4;
      int from = (int) Math.round(t * rate / LOW_HOP);
      int to = (int) Math.round((t + BEAT_WINDOW_SECONDS) * rate / LOW_HOP);
      for (int i = Math.max(0, from); i < Math.min(lowBand.length, to); i++) {
        low[j] += lowBand[i];
      }
      double[] here = chroma.mean(t, t + beat);
      if (previous != null) {
        change[j] += 1 - Chroma.cosine(previous, here);
      }
      previous = here;
    }
    double lowSum = low[0] + low[1] + low[2] + low[3];
    double changeSum = change[0] + change[1] + change[2] + change[3];
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < 4; j++) {
      double score = (lowSum > 0 ? low[j] / lowSum : 0) + (changeSum > 0 ? change[j] / changeSum : 0);
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = j;
      }
    }
    double bar = 4 * beat;
    double at = (firstBeat + best * beat) % bar;
    return bar - at < 0.02 ? 0 : at;
  }

  private static final int LOW_HOP = 64;

  /** Power below ~150 Hz (two one-pole low-passes) in blocks of {@value #LOW_HOP} samples. */
  private static double[] lowBandPower(float[] mono, int rate) {
    double a = Math.exp(-2 * Math.PI * 150 / rate);
    double y1 = 0;
    double y2 = 0;
    double[] out = new double[mono.length / LOW_HOP + 1];
    for (int i = 0; i < mono.length; i++) {
      y1 = (1 - a) * mono[i] + a * y1;
      y2 = (1 - a) * y1 + a * y2;
      out[i / LOW_HOP] += y2 * y2;
    }
    return out;
  }

  private static double[] contour(float[] mono, int rate) {
    int hop = (int) Math.round(CONTOUR_HOP_SECONDS * rate);
    int n = (mono.length + hop - 1) / hop;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.round(rmsDb(mono, rate, i * CONTOUR_HOP_SECONDS, (i + 1) * CONTOUR_HOP_SECONDS) * 10) / 10.0;
    }
    return out;
  }

  private static double rmsDb(float[] mono, int rate, double fromSeconds, double toSeconds) {
    int from = (int) Math.max(0, Math.round(fromSeconds * rate));
    int to = (int) Math.min(mono.length, Math.round(toSeconds * rate));
    if (to <= from) {
      return FLOOR_DB;
    }
    double e = 0;
    for (int i = from; i < to; i++) {
      e += mono[i] * (double) mono[i];
    }
    double ms = e / (to - from);
    return ms <= 1e-12 ? FLOOR_DB : Math.max(FLOOR_DB, 10 * Math.log10(ms));
  }

  private static double meanOver(double[] x, double from, double to) {
    int a = (int) Math.max(0, Math.floor(from));
    int b = (int) Math.min(x.length, Math.ceil(to));
    double s = 0;
    for (int i = a; i < b; i++) {
      s += x[i];
    }
    return b > a ? s / (b - a) : 0;
  }

  /** The key's name and the tempo, as a style text the studio reads ("A minor, 97 bpm"). */
  public static String describe(AudioAnalysis analysis) {
    Key key = analysis.key();
    return key.name() + ", " + Math.round(analysis.bpm()) + " bpm";
  }
}
