package io.backbeat.engine.compose;

import static io.backbeat.engine.compose.DrumKit.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drum grooves on a 16-step grid per bar (ENGINE.md's table), varied by section energy, with
 * fills before section changes and crashes on arrivals.
 */
final class DrumPattern {
  /** One instrument's 16 steps: 'X' accent, 'x' hit, 'o' soft, 'g' ghost, '.' rest. */
  record Layer(int key, String steps, boolean lift) {
    Layer {
      if (steps.length() != 16) {
        throw new IllegalArgumentException("16 steps expected: " + steps);
      }
    }
  }

  private final DrumStyle style;
  private final double adventure;
  private final SplittableRandom random;
  private final List<Layer> layers;

  DrumPattern(DrumStyle style, double adventure, SplittableRandom random) {
    this.style = style;
    this.adventure = adventure;
    this.random = random;
    this.layers = layers(style);
  }

  boolean silent() {
    return layers.isEmpty();
  }

  private static Layer core(int key, String steps) {
    return new Layer(key, steps, false);
  }

  private static Layer lift(int key, String steps) {
    return new Layer(key, steps, true);
  }

  static List<Layer> layers(DrumStyle style) {
    return switch (style) {
      case FOUR_ON_FLOOR -> List.of(
          core(KICK, "X...x...X...x..."), core(CLAP, "....x.......x..."),
          core(OPEN_HAT, "..o...o...o...o."), lift(CLOSED_HAT, "g.g.g.g.g.g.g.g."), lift(TAMBOURINE, "....o.......o..."));
      case TECHNO -> List.of(
          core(KICK, "X...X...X...X..."), core(CLOSED_HAT, "gogxgogxgogxgogx"),
          lift(CLAP, "....x.......x..."), lift(OPEN_HAT, "..o...o...o...o."));
      // Two-step: K on 1 and the "and" of 3, S on 2 and 4. The kick is layered (two kick keys);
      // the snares are full accents without ghost notes and the hats accent every beat with soft
      // 16ths between: ghosted snares around the second kick made a 1.5-beat (3:2) pulse that
      // aubio's beat tracker heard as 116; this way both it and the engine's estimator hear 174.
      case BREAKBEAT -> List.of(
          core(KICK, "X.........X....."), core(KICK_2, "X.........X....."), core(SNARE, "....X.......X..."),
          core(CLOSED_HAT, "XgggXgggXgggXggg"), lift(RIDE, "o.o.o.o.o.o.o.o."), lift(KICK_2, ".......o...o...."));
      case HALF_TIME -> List.of(
          core(KICK, "X..o......o....."), core(SNARE, "........X......."),
          core(CLOSED_HAT, "o.o.o.o.o.o.o.o."), lift(CLAP, "........x......."), lift(OPEN_HAT, "......o.......o."));
      case BOOM_BAP -> List.of(
          core(KICK, "X......x..x....."), core(SNARE, "....X.......X..."),
          core(CLOSED_HAT, "x.o.x.o.x.o.x.o."), lift(OPEN_HAT, "..............o."));
      case LOFI -> List.of(
          // Quarter-note hats and a firm backbeat: swung 8th hats with a soft snare read as double
          // time (160 for 80) to aubio and to the engine's estimator once FluidR3 played them.
          core(KICK, "x......o..o....."), core(SNARE, "....x.......x..."),
          core(CLOSED_HAT, "o...o...o...o..."), lift(SIDE_STICK, ".......g......g."), lift(MARACAS, "g.g.g.g.g.g.g.g."));
      case TRAP -> List.of(
          core(KICK, "X.........x....."), core(CLAP, "........X......."),
          core(CLOSED_HAT, "xoxoxoxoxoxoxoxo"), lift(OPEN_HAT, "......o........."), lift(SNARE, "........o......."));
      case POP -> List.of(
          core(KICK, "X.......x.o....."), core(SNARE, "....X.......X..."),
          core(CLOSED_HAT, "x.o.x.o.x.o.x.o."), lift(CLAP, "....x.......x..."), lift(TAMBOURINE, "..o...o...o...o."));
      case ROCK -> List.of(
          core(KICK, "X.......x.x....."), core(SNARE, "....X.......X..."),
          core(CLOSED_HAT, "x.x.x.x.x.x.x.x."), lift(RIDE, "x.o.x.o.x.o.x.o."));
      // Fast straight beat, K/S alternating on the beats, hats accenting the beats: K and S
      // alternating on 8ths (an oom-pah), or even 8th hats under 8th guitars, left a pulse
      // 1.5 beats long that aubio heard as 3:2 (171 → 114).
      case PUNK -> List.of(
          core(KICK, "X.......X......."), core(SNARE, "....X.......X..."),
          core(CLOSED_HAT, "X.o.X.o.X.o.X.o."), lift(CRASH, "o.......o......."));
      case METAL -> List.of(
          core(KICK, "X.......X......."), core(SNARE, "....X.......X..."),
          core(CLOSED_HAT, "x.x.x.x.x.x.x.x."), lift(KICK_2, ".x.x.x.x.x.x.x.x"), lift(RIDE, "x...x...x...x..."));
      case FUNK -> List.of(
          core(KICK, "X.....x.x..x...."), core(SNARE, "....X..g.g..X..g"),
          core(CLOSED_HAT, "xoxoxoxoxoxoxox."), lift(OPEN_HAT, "..............o."));
      case DISCO -> List.of(
          core(KICK, "X...x...X...x..."), core(SNARE, "....X.......X..."),
          core(CLOSED_HAT, "g.g.g.g.g.g.g.g."), core(OPEN_HAT, "..x...x...x...x."), lift(TAMBOURINE, "gogogogogogogogo"));
      case RNB -> List.of(
          core(KICK, "X..x......x....."), core(SNARE, "....X.......X..."),
          core(CLOSED_HAT, "x.o.x.o.x.o.x.o."), lift(SIDE_STICK, "...........g...."), lift(OPEN_HAT, "......o........."));
      case ONE_DROP -> List.of(
          core(KICK, "........X......."), core(SIDE_STICK, "........x......."),
          core(CLOSED_HAT, "x.o.x.o.x.o.x.o."), lift(OPEN_HAT, "..............o."));
      case DEMBOW -> List.of(
          core(KICK, "X...x...X...x..."), core(SNARE, "...x..x....x..x."),
          core(CLOSED_HAT, "x.o.x.o.x.o.x.o."), lift(CLAP, "...o..o....o..o."), lift(TAMBOURINE, "..o...o...o...o."));
      case AFRO -> List.of(
          core(KICK, "X.....x...x....."), core(SIDE_STICK, "....x.......x..."),
          core(MARACAS, "xgogxgogxgogxgog"), lift(HIGH_CONGA, "..o..o....o..o.."), lift(LOW_CONGA, "...........o...o"));
      case SWING -> List.of(
          core(RIDE, "x...x.o.x...x.o."), core(PEDAL_HAT, "....x.......x..."),
          core(KICK, "g.......g......."), lift(SNARE, "..........g....g"));
      case BOSSA -> List.of(
          core(SIDE_STICK, "x..x..x...x..x.."), core(KICK, "x..o....x..o...."),
          core(CLOSED_HAT, "gogogogogogogogo"), lift(SHAKER_FALLBACK, "................"));
      case FOLK -> List.of(
          core(KICK, "o.......o......."), core(TAMBOURINE, "....x.......x..."),
          lift(MARACAS, "o.g.o.g.o.g.o.g."), lift(SNARE, "....o.......o..."));
      case COUNTRY -> List.of(
          core(KICK, "x.......x......."), core(SNARE, "gggxgggggggxgggg"),
          core(CLOSED_HAT, "x.o.x.o.x.o.x.o."), lift(TAMBOURINE, "....o.......o..."));
      case BALLAD -> List.of(
          core(KICK, "x.......o......."), core(SIDE_STICK, "........o......."),
          core(CLOSED_HAT, "o...o...o...o..."), lift(SNARE, "....x.......x..."), lift(RIDE, "..g...g...g...g."));
      case SYNTHWAVE -> List.of(
          core(KICK, "X.......x......."), core(E_SNARE, "....X.......X..."),
          core(CLOSED_HAT, "x.o.x.o.x.o.x.o."), lift(CLAP, "....x.......x..."), lift(CLOSED_HAT, ".g.g.g.g.g.g.g.g"));
      case NONE -> List.of();
      // Timpani on the beats (1 and 3 low, 2 and 4 higher): a 3+3+2 figure here was heard 4:3.
      case ORCHESTRAL -> List.of(
          core(LOW_TOM, "x.......x......."), core(MID_LOW_TOM, "....o.......o..."),
          lift(KICK_2, "X.......x......."), lift(CRASH, "................"));
    };
  }

  private static final int SHAKER_FALLBACK = CABASA;

  /**
   * Notes for one bar.
   *
   * @param startBeat the bar's first beat
   * @param energy 0..1 from the section
   * @param barInSection 0-based
   * @param fill this bar leads into a new section
   * @param arrival this bar starts a section with more energy than the last
   */
  void bar(List<NoteEvent> out, double startBeat, double energy, int barInSection, int sectionBars,
      boolean fill, boolean arrival, SectionKind kind) {
    if (layers.isEmpty()) {
      return;
    }
    boolean sparse = kind == SectionKind.INTRO && barInSection < sectionBars / 2
        || kind == SectionKind.OUTRO && barInSection >= sectionBars / 2;
    double velocityScale = 0.7 + 0.3 * energy;
    int fillFrom = fill ? (adventure > 0.5 || random.nextDouble() < 0.3 ? 8 : 12) : 16;
    for (Layer layer : layers) {
      if (layer.lift() && energy < 0.8) {
        continue;
      }
      if (sparse && layer.key() != CLOSED_HAT && layer.key() != RIDE && layer.key() != MARACAS
          && layer.key() != KICK) {
        continue;
      }
      for (int step = 0; step < 16; step++) {
        char c = layer.steps().charAt(step);
        boolean drumForFill = step >= fillFrom && (layer.key() == SNARE || layer.key() == CLAP || layer.key() == E_SNARE);
        if (c == '.' || drumForFill) {
          continue;
        }
        int velocity = velocity(c);
        velocity = (int) Math.round(velocity * velocityScale) + random.nextInt(-6, 7);
        out.add(new NoteEvent(startBeat + step * 0.25, 0.2, layer.key(), velocity));
      }
    }
    if (fill) {
      fill(out, startBeat, fillFrom);
    }
    if (arrival && style != DrumStyle.NONE) {
      out.add(new NoteEvent(startBeat, 1.0, CRASH, 100));
    }
    extras(out, startBeat, energy, kind);
  }

  private void fill(List<NoteEvent> out, double startBeat, int fillFrom) {
    boolean toms = style == DrumStyle.ROCK || style == DrumStyle.METAL || style == DrumStyle.ORCHESTRAL
        || style == DrumStyle.PUNK || random.nextDouble() < 0.25 + adventure * 0.4;
    for (int step = fillFrom; step < 16; step++) {
      if (step % 2 == 1 && random.nextDouble() < 0.4 - adventure * 0.3) {
        continue;
      }
      int velocity = 70 + (step - fillFrom) * 4;
      int key = toms ? TOM_RUN.get(Math.min(3, (step - fillFrom) * 4 / Math.max(1, 16 - fillFrom))) : SNARE;
      out.add(new NoteEvent(startBeat + step * 0.25, 0.2, key, velocity));
    }
  }

  /** Genre-specific ornaments: trap hat rolls, weird-mode ghost kicks. */
  private void extras(List<NoteEvent> out, double startBeat, double energy, SectionKind kind) {
    if (style == DrumStyle.TRAP && energy >= 0.6 && random.nextDouble() < 0.5) {
      int from = random.nextBoolean() ? 12 : 6;
      for (int i = 0; i < 8; i++) {
        out.add(new NoteEvent(startBeat + from * 0.25 + i * 0.125, 0.1, CLOSED_HAT, 55 + i * 5));
      }
    }
    if (adventure > 0.4 && kind != SectionKind.INTRO && random.nextDouble() < adventure * 0.5) {
      int step = 1 + 2 * random.nextInt(7);
      out.add(new NoteEvent(startBeat + step * 0.25, 0.2, KICK, 60));
    }
  }

  private static int velocity(char c) {
    return switch (c) {
      case 'X' -> 118;
      case 'x' -> 100;
      case 'o' -> 76;
      default -> 46;
    };
  }
}
