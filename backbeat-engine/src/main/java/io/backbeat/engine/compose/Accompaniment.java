package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Chord;
import java.util.List;
import java.util.SplittableRandom;

/** Chord instrument (comping), sustained pads and a colour line, one bar at a time. */
final class Accompaniment {
  private static final int COMP_FLOOR = 52; // E3
  private static final int PAD_FLOOR = 57;

  private final CompStyle style;
  private final double adventure;
  private final SplittableRandom random;
  private final int[] arpeggioOrder;

  Accompaniment(CompStyle style, double adventure, SplittableRandom random) {
    this.style = style;
    this.adventure = adventure;
    this.random = random;
    int[][] orders = {{0, 1, 2, 3, 2, 1, 0, 1}, {0, 2, 1, 3, 0, 2, 1, 2}, {0, 1, 2, 1, 3, 1, 2, 1}};
    this.arpeggioOrder = orders[random.nextInt(orders.length)];
  }

  void comp(List<NoteEvent> out, double start, Chord chord, double energy, SectionKind kind, boolean halfTime) {
    List<Integer> voicing = chord.voicing(COMP_FLOOR, 4);
    int v = (int) Math.round(64 + 26 * energy);
    switch (style) {
      case SUSTAINED -> chordAt(out, start, 3.9, voicing, v - 6, 0);
      case OFFBEAT_STABS -> {
        int[] steps = halfTime ? new int[] {3, 6, 10} : new int[] {2, 6, 10, 14};
        for (int step : steps) {
          chordAt(out, start + step * 0.25, 0.35, voicing, v, 0);
        }
      }
      case ARPEGGIO -> {
        List<Integer> tones = chord.voicing(COMP_FLOOR - 5, 3);
        int root = tones.get(0);
        int[] pool = {tones.get(0), tones.get(1), tones.get(2), root + 12};
        double unit = energy > 0.9 && !halfTime ? 0.25 : 0.5;
        int count = (int) Math.round(4 / unit);
        for (int i = 0; i < count; i++) {
          int note = pool[arpeggioOrder[i % arpeggioOrder.length]];
          out.add(new NoteEvent(start + i * unit, unit * 1.8, note, i % 4 == 0 ? v : v - 12));
        }
      }
      case STRUM -> {
        List<Integer> guitar = chord.voicing(COMP_FLOOR - 7, 5);
        double[] hits = {0, 1, 1.5, 2.5, 3, 3.5};
        for (int i = 0; i < hits.length; i++) {
          boolean down = hits[i] == Math.floor(hits[i]);
          double next = i + 1 < hits.length ? hits[i + 1] : 4;
          strum(out, start + hits[i], next - hits[i], guitar, down ? v : v - 15, down);
        }
      }
      case BLOCK_QUARTERS -> {
        for (int beat = 0; beat < 4; beat++) {
          chordAt(out, start + beat, 0.9, voicing, beat % 2 == 0 ? v : v - 10, 0);
        }
        out.add(new NoteEvent(start, 1.9, chord.rootAtOrAbove(40), v - 8));
        out.add(new NoteEvent(start + 2, 1.9, chord.rootAtOrAbove(40), v - 12));
      }
      case SKANK -> {
        List<Integer> high = chord.voicing(COMP_FLOOR + 7, 3);
        for (int step : new int[] {4, 12}) {
          chordAt(out, start + step * 0.25, 0.3, high, v, 0);
        }
        if (energy > 0.7) {
          chordAt(out, start + 14 * 0.25, 0.2, high, v - 20, 0);
        }
      }
      case RHYTHM_16THS -> {
        List<Integer> high = chord.voicing(COMP_FLOOR + 8, 3);
        int[] steps = {0, 3, 6, 7, 10, 12, 14};
        for (int step : steps) {
          if (step != 0 && random.nextDouble() < 0.15) {
            continue;
          }
          chordAt(out, start + step * 0.25, 0.15, high, step % 4 == 0 ? v : v - 14, 0);
        }
      }
      case POWER_8THS -> {
        int root = chord.rootAtOrAbove(40);
        List<Integer> power = List.of(root, root + 7, root + 12);
        boolean chug = kind == SectionKind.VERSE || kind == SectionKind.INTRO;
        if (chug) {
          for (int e = 0; e < 8; e++) {
            chordAt(out, start + e * 0.5, 0.3, power, e % 2 == 0 ? v : v - 10, 0);
          }
        } else {
          chordAt(out, start, 1.9, power, v + 5, 0);
          chordAt(out, start + 2, 1.4, power, v, 0);
          chordAt(out, start + 3.5, 0.45, power, v - 10, 0);
        }
      }
      case JAZZ_COMP -> {
        chordAt(out, start, 1.3, voicing, v, 0);
        chordAt(out, start + 1.5, 0.4, voicing, v - 10, 0);
        if (random.nextDouble() < 0.4 + adventure * 0.3) {
          chordAt(out, start + 3.5, 0.4, voicing, v - 14, 0);
        }
      }
      case BOSSA_COMP -> {
        int root = chord.rootAtOrAbove(40);
        out.add(new NoteEvent(start, 1.4, root, v));
        out.add(new NoteEvent(start + 2, 1.4, root + 7, v - 8));
        List<Integer> upper = chord.voicing(COMP_FLOOR + 3, 4);
        for (int step : new int[] {0, 3, 6, 10, 12}) {
          chordAt(out, start + step * 0.25, 0.6, upper, v - 12, 0);
        }
      }
    }
  }

  void pad(List<NoteEvent> out, double start, Chord chord, double energy) {
    List<Integer> voicing = chord.voicing(PAD_FLOOR, 4);
    chordAt(out, start, 3.98, voicing, (int) Math.round(58 + 22 * energy), 0);
  }

  /** A high sustained two-note line (strings, fiddle) or stabs (brass) for the big sections. */
  void color(List<NoteEvent> out, double start, Chord chord, int program, double energy) {
    List<Integer> voicing = chord.voicing(64, 3);
    List<Integer> top = voicing.size() >= 3 ? voicing.subList(1, 3) : voicing;
    int v = (int) Math.round(56 + 26 * energy);
    boolean brass = program >= 56 && program <= 67;
    if (brass) {
      chordAt(out, start, 0.4, top, v + 10, 0);
      chordAt(out, start + 1.5, 0.9, top, v, 0);
    } else {
      chordAt(out, start, 3.95, top, v, 0);
    }
  }

  private static void chordAt(List<NoteEvent> out, double beat, double length, List<Integer> notes,
      int velocity, double spread) {
    for (int i = 0; i < notes.size(); i++) {
      out.add(new NoteEvent(beat + i * spread, length, notes.get(i), velocity));
    }
  }

  /** A guitar strum: strings sound a few milliseconds apart, downwards or upwards. */
  private static void strum(List<NoteEvent> out, double beat, double length, List<Integer> notes,
      int velocity, boolean down) {
    int n = notes.size();
    for (int i = 0; i < n; i++) {
      int index = down ? i : n - 1 - i;
      double offset = i * 0.018;
      out.add(new NoteEvent(beat + offset, Math.max(0.1, length - offset - 0.02), notes.get(index),
          velocity - (down ? 0 : 6)));
    }
  }
}
