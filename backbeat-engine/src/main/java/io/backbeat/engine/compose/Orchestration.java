package io.backbeat.engine.compose;

/**
 * Which GM programs play the roles, after the style's asks and the negative tags are applied.
 * A program of -1 means the role is left out.
 *
 * @param colorAsked the style named the colour instrument (horns, strings, sax…): it plays through
 *     the song, not only in choruses and breaks, so a short song that asks for brass has brass
 */
record Orchestration(int chords, int pad, int bass, int color, int lead, boolean drums,
    CompStyle comp, boolean colorAsked) {

  static Orchestration choose(StyleProfile style, int variant) {
    Genre genre = style.genre();
    int chords = genre.chordProgram(variant);
    int pad = genre.padProgram();
    int bass = genre.bassProgram();
    int color = genre.extraProgram();
    int lead = genre.leadProgram();
    CompStyle comp = genre.comp();
    boolean rockish = genre == Genre.ROCK || genre == Genre.METAL || genre == Genre.PUNK;

    if (style.wants(Instrument.PIANO)) {
      chords = 0;
    }
    if (style.wants(Instrument.ELECTRIC_PIANO)) {
      chords = 4;
    }
    if (style.wants(Instrument.ACOUSTIC_GUITAR)) {
      chords = 25;
    } else if (style.wants(Instrument.DISTORTED_GUITAR)) {
      chords = 30;
    } else if (style.wants(Instrument.GUITAR) && !isGuitar(chords)) {
      chords = rockish ? 29 : 27;
    }
    if (style.wants(Instrument.ORGAN)) {
      pad = 16;
    }
    boolean colorAsked = false;
    if (style.wants(Instrument.STRINGS)) {
      color = 48;
      colorAsked = true;
    }
    if (style.wants(Instrument.PAD)) {
      pad = 89;
    }
    if (style.wants(Instrument.EIGHT_OH_EIGHT)) {
      bass = 38;
    }
    for (Instrument i : new Instrument[] {Instrument.BRASS, Instrument.TRUMPET, Instrument.SAX,
        Instrument.FLUTE, Instrument.VIOLIN, Instrument.HARMONICA, Instrument.BELLS,
        Instrument.MARIMBA, Instrument.CHOIR}) {
      if (style.wants(i)) {
        color = i.program();
        colorAsked = true;
        if (i == Instrument.SAX || i == Instrument.FLUTE || i == Instrument.TRUMPET
            || i == Instrument.HARMONICA || i == Instrument.VIOLIN) {
          lead = i.program();
        }
      }
    }
    if (style.wants(Instrument.SYNTH)) {
      lead = 81;
      if (pad < 88) {
        pad = 90;
      }
    }
    if (style.ballad() && genre != Genre.BALLAD && comp != CompStyle.POWER_8THS) {
      comp = CompStyle.ARPEGGIO;
    }

    // Negative tags remove families; fall back to a neighbour that keeps the role alive.
    if (style.excludes(Instrument.PIANO) && isPiano(chords)) {
      chords = isGuitar(genre.chordProgram(variant + 1)) ? genre.chordProgram(variant + 1) : 25;
    }
    if (style.excludes(Instrument.ELECTRIC_PIANO) && (chords == 4 || chords == 5)) {
      chords = 0;
    }
    if ((style.excludes(Instrument.GUITAR) || style.excludes(Instrument.ACOUSTIC_GUITAR)
        || style.excludes(Instrument.DISTORTED_GUITAR)) && isGuitar(chords)) {
      chords = style.excludes(Instrument.PIANO) ? 4 : 0;
      if (comp == CompStyle.POWER_8THS || comp == CompStyle.STRUM) {
        comp = CompStyle.BLOCK_QUARTERS;
      }
    }
    if (style.excludes(Instrument.SYNTH)) {
      if (isSynth(chords)) {
        chords = 4;
      }
      if (isSynth(lead)) {
        lead = 73;
      }
      if (isSynth(pad)) {
        pad = 48;
      }
      if (isSynth(color)) {
        color = 48;
      }
      if (bass == 38 || bass == 39) {
        bass = 33;
      }
    }
    if (style.excludes(Instrument.PAD) && isSynth(pad)) {
      pad = -1;
    }
    if (style.excludes(Instrument.STRINGS)) {
      if (pad >= 40 && pad <= 51) {
        pad = 89;
      }
      if (color >= 40 && color <= 51) {
        color = -1;
      }
    }
    if (style.excludes(Instrument.ORGAN) && pad >= 16 && pad <= 23) {
      pad = 89;
    }
    for (Instrument i : new Instrument[] {Instrument.BRASS, Instrument.TRUMPET, Instrument.SAX,
        Instrument.FLUTE, Instrument.VIOLIN, Instrument.HARMONICA, Instrument.BELLS,
        Instrument.MARIMBA, Instrument.CHOIR}) {
      if (style.excludes(i)) {
        if (family(color) == family(i.program())) {
          color = -1;
        }
        if (family(lead) == family(i.program())) {
          lead = chords;
        }
      }
    }
    if (style.excludes(Instrument.BASS) || style.excludes(Instrument.EIGHT_OH_EIGHT)) {
      bass = style.excludes(Instrument.BASS) ? -1 : 33;
    }
    boolean drums = genre.drums() != DrumStyle.NONE && !style.excludes(Instrument.DRUMS);
    return new Orchestration(chords, pad, bass, color, lead, drums, comp, colorAsked);
  }

  private static int family(int program) {
    return program < 0 ? -1 : program / 8;
  }

  private static boolean isPiano(int program) {
    return program >= 0 && program <= 7;
  }

  private static boolean isGuitar(int program) {
    return program >= 24 && program <= 31;
  }

  private static boolean isSynth(int program) {
    return program >= 80 && program <= 103;
  }
}
