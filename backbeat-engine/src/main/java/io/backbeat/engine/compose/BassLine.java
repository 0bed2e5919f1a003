package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.Scale;
import java.util.List;
import java.util.SplittableRandom;

/** Bass notes per bar from the chord roots, shaped by the genre's bass style. */
final class BassLine {
  private static final int FLOOR = 28; // E1: the lowest root we use

  private final BassStyle style;
  private final Scale scale;
  private final double adventure;
  private final SplittableRandom random;
  private final int[] syncopation;

  BassLine(BassStyle style, Scale scale, double adventure, SplittableRandom random) {
    this.style = style;
    this.scale = scale;
    this.adventure = adventure;
    this.random = random;
    int[][] templates = {
      {0, 3, 6, 10, 14}, {0, 6, 8, 11, 14}, {0, 3, 8, 10, 13}, {0, 7, 10, 12, 15}
    };
    this.syncopation = templates[random.nextInt(templates.length)];
  }

  void bar(List<NoteEvent> out, double start, Chord chord, Chord next, double energy, SectionKind kind) {
    int root = chord.rootAtOrAbove(FLOOR);
    int fifth = root + 7;
    int octave = root + 12;
    int nextRoot = next.rootAtOrAbove(FLOOR);
    int v = (int) Math.round(88 + 20 * energy);
    boolean thin = kind == SectionKind.INTRO || kind == SectionKind.OUTRO;
    switch (style) {
      case OFFBEAT -> {
        for (int beat = 0; beat < 4; beat++) {
          add(out, start + beat + 0.5, 0.4, beat == 3 && random.nextDouble() < 0.3 ? octave : root, v);
        }
      }
      case ROLLING_16THS -> {
        for (int step = 0; step < 16; step++) {
          if (step % 4 == 0) {
            continue;
          }
          add(out, start + step * 0.25, 0.2, step % 4 == 2 && energy > 0.8 ? octave : root, v - (step % 2) * 12);
        }
      }
      case SUB_LONG -> {
        add(out, start, thin ? 3.9 : 2.4, root, v);
        if (!thin) {
          add(out, start + 2.5, 1.4, random.nextDouble() < 0.3 ? fifth - 12 >= FLOOR ? fifth - 12 : root : root, v - 8);
        }
      }
      case WOBBLE -> {
        double unit = random.nextDouble() < 0.5 ? 0.5 : 1.0 / 3;
        for (double b = 0; b < 4 - 1e-9; b += unit) {
          int vel = (int) (v - 30 + 30 * Math.abs(Math.sin(b * Math.PI)));
          add(out, start + b, unit * 0.9, b >= 3 && random.nextBoolean() ? octave : root, vel);
        }
      }
      case ROOT_8THS -> {
        for (int e = 0; e < 8; e++) {
          int note = root;
          if (e == 7 && nextRoot != root) {
            note = approach(nextRoot);
          } else if (e == 6 && energy > 0.8 && random.nextDouble() < 0.3) {
            note = octave;
          }
          add(out, start + e * 0.5, 0.42, note, e % 2 == 0 ? v : v - 12);
        }
      }
      case ROOT_FIFTH -> {
        add(out, start, 1.4, root, v);
        add(out, start + 2, 1.4, fifth > 45 ? fifth - 12 : fifth, v - 8);
        if (energy > 0.7 && random.nextDouble() < 0.5) {
          add(out, start + 3.5, 0.4, approach(nextRoot), v - 15);
        }
      }
      case WALKING -> {
        int third = root + chord.quality().interval(1);
        int[] line = {root, random.nextBoolean() ? third : fifth, fifth, approach(nextRoot)};
        for (int beat = 0; beat < 4; beat++) {
          add(out, start + beat, 0.9, line[beat], v - (beat % 2) * 8);
        }
      }
      case SUSTAINED -> add(out, start, 3.9, root, v - 10);
      case SYNCOPATED -> {
        for (int i = 0; i < syncopation.length; i++) {
          int step = syncopation[i];
          int nextStep = i + 1 < syncopation.length ? syncopation[i + 1] : 16;
          int note = i == syncopation.length - 1 && nextRoot != root ? approach(nextRoot)
              : i == 2 && random.nextDouble() < 0.3 + adventure * 0.3 ? octave : root;
          if (thin && i > 1) {
            break;
          }
          add(out, start + step * 0.25, Math.max(0.2, (nextStep - step) * 0.25 - 0.1), note, i == 0 ? v : v - 10);
        }
      }
      case OCTAVES -> {
        for (int e = 0; e < 8; e++) {
          add(out, start + e * 0.5, 0.35, e % 2 == 0 ? root : octave, e % 2 == 0 ? v : v - 8);
        }
      }
      case GLIDE_808 -> {
        add(out, start, 2.3, root, v);
        add(out, start + 2.5, 1.3, random.nextDouble() < 0.25 ? octave : root, v - 6);
      }
      case DRONE -> add(out, start, 3.95, root, v - 20);
    }
  }

  /** A scale tone a step below or above the target root, to lead into it. */
  private int approach(int target) {
    int below = target - 1;
    int above = target + 2;
    int candidate = scale.contains(target - 2) ? target - 2 : below;
    if (random.nextDouble() < 0.5 && above <= FLOOR + 19) {
      candidate = scale.contains(above) ? above : target + 1;
    }
    return Math.max(FLOOR - 2, candidate);
  }

  private static void add(List<NoteEvent> out, double beat, double length, int pitch, int velocity) {
    out.add(new NoteEvent(beat, length, pitch, velocity));
  }
}
