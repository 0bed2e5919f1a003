package io.backbeat.engine.compose;

import java.util.List;

/** Instrument words a style text may ask for (or a negative tag may remove). */
public enum Instrument {
  PIANO(0, List.of("piano", "keys", "rhodes", "keyboard")),
  ELECTRIC_PIANO(4, List.of("electric piano", "e-piano", "rhodes", "wurlitzer")),
  ACOUSTIC_GUITAR(25, List.of("acoustic guitar", "nylon", "fingerpicked", "fingerpicking")),
  GUITAR(27, List.of("guitar", "guitars", "electric guitar")),
  DISTORTED_GUITAR(30, List.of("distorted guitar", "distortion", "heavy guitar", "riff", "riffs", "power chords")),
  STRINGS(48, List.of("strings", "string", "orchestra", "cello", "violins")),
  VIOLIN(40, List.of("violin", "fiddle")),
  SYNTH(81, List.of("synth", "synths", "synthesizer", "saw", "arp", "arpeggio")),
  PAD(89, List.of("pad", "pads", "atmospheric", "atmosphere")),
  BRASS(61, List.of("brass", "horns", "horn section")),
  TRUMPET(56, List.of("trumpet")),
  SAX(65, List.of("sax", "saxophone")),
  FLUTE(73, List.of("flute")),
  ORGAN(16, List.of("organ", "hammond")),
  BELLS(10, List.of("bells", "music box", "glockenspiel", "celesta")),
  MARIMBA(12, List.of("marimba", "vibraphone", "vibes", "kalimba")),
  HARMONICA(22, List.of("harmonica")),
  EIGHT_OH_EIGHT(38, List.of("808", "808s", "sub bass", "sub-bass")),
  BASS(33, List.of("bass", "bassline", "bass line")),
  DRUMS(-1, List.of("drums", "drum", "percussion", "beat", "beats", "upbeat drums")),
  CHOIR(52, List.of("choir", "choral", "chorus vocals", "backing vocals")),
  VOCALS(-1, List.of("vocals", "vocal", "singing", "voice", "voices"));

  private final int program;
  private final List<String> words;

  Instrument(int program, List<String> words) {
    this.program = program;
    this.words = words;
  }

  /** GM program, or -1 when the word names a part rather than a timbre. */
  public int program() {
    return program;
  }

  public List<String> words() {
    return words;
  }
}
