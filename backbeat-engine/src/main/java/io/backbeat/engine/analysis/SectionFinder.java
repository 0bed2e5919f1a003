package io.backbeat.engine.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Section boundaries on the bar grid: at each bar line, the four bars before are compared with the
 * four after (loudness, pitch-class content, attack density); bar lines where that novelty peaks
 * clearly become boundaries, at least {@value #MIN_BARS} bars apart. Stretches longer than {@value
 * #MAX_BARS} bars without a boundary are cut every 8 bars, the usual phrase length, so a steady loop
 * still gets a form.
 */
final class SectionFinder {
  static final int MIN_BARS = 4;
  static final int MAX_BARS = 16;
  private static final int WINDOW = 4;
  /** A novelty this high is a change a listener hears (e.g. 3 dB louder and a new chord set). */
  private static final double THRESHOLD = 0.6;

  private SectionFinder() {}

  /** Section start bars, beginning with 0; each section runs to the next start (or {@code bars}). */
  static List<Integer> starts(double[] barDb, double[][] barChroma, double[] barAttacks) {
    int bars = barDb.length;
    List<Integer> out = new ArrayList<>();
    if (bars == 0) {
      return out;
    }
    double[] novelty = new double[bars];
    for (int b = 1; b < bars; b++) {
      novelty[b] = novelty(barDb, barChroma, barAttacks, b);
    }
    List<Integer> candidates = new ArrayList<>();
    for (int b = MIN_BARS; b <= bars - MIN_BARS; b++) {
      boolean peak = true;
      for (int o = -2; o <= 2 && peak; o++) {
        int n = b + o;
        if (o != 0 && n > 0 && n < bars && novelty[n] > novelty[b]) {
          peak = false;
        }
      }
      if (peak && novelty[b] >= THRESHOLD) {
        candidates.add(b);
      }
    }
    candidates.sort((x, y) -> Double.compare(novelty[y], novelty[x]));
    TreeSet<Integer> chosen = new TreeSet<>();
    chosen.add(0);
    for (int b : candidates) {
      Integer below = chosen.floor(b);
      Integer above = chosen.ceiling(b);
      boolean farFromBelow = below == null || b - below >= MIN_BARS;
      boolean farFromAbove = above == null ? bars - b >= MIN_BARS : above - b >= MIN_BARS;
      if (farFromBelow && farFromAbove) {
        chosen.add(b);
      }
    }
    List<Integer> starts = new ArrayList<>(chosen);
    for (int i = 0; i < starts.size(); i++) {
      int start = starts.get(i);
      int end = i + 1 < starts.size() ? starts.get(i + 1) : bars;
      out.add(start);
      // long stretches: phrases of 8, the last at least MIN_BARS long
      for (int cut = start + 8; end - start > MAX_BARS && cut <= end - MIN_BARS; cut += 8) {
        out.add(cut);
      }
    }
    return out;
  }

  private static double novelty(double[] db, double[][] chroma, double[] attacks, int b) {
    int lo = Math.max(0, b - WINDOW);
    int hi = Math.min(db.length, b + WINDOW);
    double dbBefore = mean(db, lo, b);
    double dbAfter = mean(db, b, hi);
    double[] before = new double[12];
    double[] after = new double[12];
    for (int i = lo; i < b; i++) {
      add(before, chroma[i]);
    }
    for (int i = b; i < hi; i++) {
      add(after, chroma[i]);
    }
    double attackBefore = mean(attacks, lo, b);
    double attackAfter = mean(attacks, b, hi);
    double loudness = Math.abs(dbAfter - dbBefore) / 6;
    double harmony = (1 - Chroma.cosine(before, after)) * 3;
    double rhythm = Math.abs(Math.log((attackAfter + 1e-6) / (attackBefore + 1e-6))) / Math.log(2);
    return loudness + harmony + Math.min(rhythm, 2);
  }

  private static void add(double[] sum, double[] x) {
    for (int i = 0; i < 12; i++) {
      sum[i] += x[i];
    }
  }

  private static double mean(double[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i];
    }
    return to > from ? s / (to - from) : 0;
  }
}
