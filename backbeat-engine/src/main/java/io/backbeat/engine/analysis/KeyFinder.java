package io.backbeat.engine.analysis;

import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.ChordQuality;
import io.backbeat.engine.theory.Key;
import io.backbeat.engine.theory.Mode;

/**
 * Key from a chroma profile: the Pearson correlation with the Krumhansl–Kessler major and minor
 * profiles in all 12 rotations; and the diatonic triad of that key that best explains a bar.
 */
final class KeyFinder {
  private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
  private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

  /** A key and how far its correlation is ahead of the runner-up (0 = a tie). */
  record Found(Key key, double correlation, double margin) {}

  private KeyFinder() {}

  static Found find(double[] chroma) {
    double best = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    Key bestKey = new Key(0, Mode.MAJOR);
    for (Mode mode : new Mode[] {Mode.MAJOR, Mode.MINOR}) {
      double[] profile = mode == Mode.MAJOR ? MAJOR : MINOR;
      for (int tonic = 0; tonic < 12; tonic++) {
        double r = correlation(chroma, profile, tonic);
        if (r > best) {
          second = best;
          best = r;
          bestKey = new Key(tonic, mode);
        } else if (r > second) {
          second = r;
        }
      }
    }
    if (Double.isNaN(best) || best == Double.NEGATIVE_INFINITY) {
      return new Found(new Key(0, Mode.MAJOR), 0, 0);
    }
    return new Found(bestKey, best, Math.max(0, best - second));
  }

  private static double correlation(double[] chroma, double[] profile, int tonic) {
    double meanC = 0;
    double meanP = 0;
    for (int i = 0; i < 12; i++) {
      meanC += chroma[i];
      meanP += profile[i];
    }
    meanC /= 12;
    meanP /= 12;
    double cp = 0;
    double cc = 0;
    double pp = 0;
    for (int pc = 0; pc < 12; pc++) {
      double c = chroma[pc] - meanC;
      double p = profile[Math.floorMod(pc - tonic, 12)] - meanP;
      cp += c * p;
      cc += c * c;
      pp += p * p;
    }
    return cc <= 0 ? 0 : cp / Math.sqrt(cc * pp);
  }

  /**
   * The diatonic triad of {@code key} whose tones carry most of the bar's chroma, or {@code previous}
   * when the bar says too little (near silence, or no triad clearly ahead).
   */
  static Chord chordOf(double[] barChroma, Key key, Chord previous) {
    double total = 0;
    for (double v : barChroma) {
      total += v;
    }
    if (total <= 0) {
      return previous != null ? previous : tonic(key);
    }
    double best = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    Chord bestChord = tonic(key);
    // in minor, the dominant is often major (the raised seventh of harmonic minor): degree 7 is that V
    int candidates = key.mode().isMinor() ? 8 : 7;
    for (int degree = 0; degree < candidates; degree++) {
      Chord chord = degree == 7 ? new Chord(key.tonic() + 7, ChordQuality.MAJOR) : triad(key, degree);
      int[] tones = chord.pitchClasses();
      double in = 0;
      for (int pc : tones) {
        in += barChroma[pc];
      }
      double out = total - in;
      // the tonic, subdominant and dominant are the likelier readings of an ambiguous bar
      double bonus = degree == 0 || degree == 3 || degree == 4 || degree == 7 ? 0.02 * total : 0;
      double score = in - out * (tones.length / 9.0) + bonus;
      if (score > best) {
        second = best;
        best = score;
        bestChord = chord;
      } else if (score > second) {
        second = score;
      }
    }
    if (previous != null && best - second < 0.01 * total && previous.root() != bestChord.root()) {
      return previous;
    }
    return bestChord;
  }

  static Chord triad(Key key, int degree) {
    int root = key.tonic() + key.mode().semitones(degree);
    int third = key.mode().semitones(degree + 2) - key.mode().semitones(degree);
    int fifth = key.mode().semitones(degree + 4) - key.mode().semitones(degree);
    ChordQuality quality;
    if (third == 4 && fifth == 8) {
      quality = ChordQuality.AUGMENTED;
    } else if (third == 3 && fifth == 6) {
      quality = ChordQuality.DIMINISHED;
    } else if (third == 3) {
      quality = ChordQuality.MINOR;
    } else {
      quality = ChordQuality.MAJOR;
    }
    return new Chord(root, quality);
  }

  static Chord tonic(Key key) {
    return triad(key, 0);
  }
}
