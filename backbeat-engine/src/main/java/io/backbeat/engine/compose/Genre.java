package io.backbeat.engine.compose;

import java.util.List;

/**
 * ENGINE.md's genre table as data. Declaration order is match priority: specific genres come
 * before the broad ones they contain ("lo-fi hip hop" is lo-fi, "pop punk" is punk).
 *
 * <p>Progressions are roman numerals in the key's own mode (see {@code Chord.roman}). Programs are
 * General MIDI program numbers (0-based).
 */
public enum Genre {
  LOFI("lo-fi hip hop", List.of("lo-fi", "lofi", "lo fi", "chillhop", "chill hop"), 70, 90, 0.22,
      DrumStyle.LOFI, BassStyle.SYNCOPATED, 33, CompStyle.SUSTAINED, new int[] {4, 24}, 89, 4, 11, 0.35,
      List.of("i7 iv7 VImaj7 v7", "i7 VImaj7 iv7 v7"), List.of("ii7 V7 Imaj7 Imaj7", "Imaj7 vi7 ii7 V7", "IVmaj7 iii7 ii7 Imaj7")),
  TRAP("trap", List.of("trap", "drill"), 130, 160, 0.0,
      DrumStyle.TRAP, BassStyle.GLIDE_808, 38, CompStyle.ARPEGGIO, new int[] {10, 11}, 89, 80, 88, 0.9,
      List.of("i VI i VII", "i bII i VII", "i iv VI v"), List.of("vi IV I V")),
  DRUM_AND_BASS("drum and bass", List.of("drum and bass", "drum & bass", "drum n bass", "drum'n'bass", "dnb", "d&b", "jungle", "liquid funk", "neurofunk"), 160, 180, 0.0,
      DrumStyle.BREAKBEAT, BassStyle.SUB_LONG, 38, CompStyle.OFFBEAT_STABS, new int[] {81, 89}, 89, 81, 49, 0.85,
      List.of("i VI VII i", "i VI III VII", "i iv VI VII"), List.of("vi IV I V")),
  DUBSTEP("dubstep", List.of("dubstep", "brostep", "riddim"), 138, 142, 0.0,
      DrumStyle.HALF_TIME, BassStyle.WOBBLE, 39, CompStyle.SUSTAINED, new int[] {81, 90}, 90, 81, 90, 0.95,
      List.of("i i VI VII", "i i i VI"), List.of("vi IV I V")),
  REGGAETON("reggaeton", List.of("reggaeton", "dembow", "latin urban", "perreo"), 88, 100, 0.0,
      DrumStyle.DEMBOW, BassStyle.GLIDE_808, 38, CompStyle.OFFBEAT_STABS, new int[] {84, 11}, 89, 84, 24, 0.8,
      List.of("i VI III VII", "i iv VI v"), List.of("vi IV I V")),
  AFROBEATS("afrobeats", List.of("afrobeats", "afrobeat", "afro pop", "afropop", "amapiano", "afro"), 95, 115, 0.08,
      DrumStyle.AFRO, BassStyle.SYNCOPATED, 33, CompStyle.RHYTHM_16THS, new int[] {27, 25}, 89, 12, 12, 0.3,
      List.of("i VI III VII", "i iv VII III"), List.of("I V vi IV", "vi IV I V", "I IV vi V")),
  BOSSA_NOVA("bossa nova", List.of("bossa nova", "bossa", "samba", "brazilian"), 120, 140, 0.0,
      DrumStyle.BOSSA, BassStyle.ROOT_FIFTH, 32, CompStyle.BOSSA_COMP, new int[] {24, 0}, 48, 73, 73, 0.35,
      List.of("i7 iv7 v7 i7", "i7 iv7 VIImaj7 IIImaj7"), List.of("Imaj7 II7 ii7 V7", "Imaj7 vi7 ii7 V7")),
  SYNTHWAVE("synthwave", List.of("synthwave", "synth wave", "retrowave", "outrun", "synthpop", "synth pop", "synth-pop", "80s", "eighties", "new wave"), 80, 118, 0.0,
      DrumStyle.SYNTHWAVE, BassStyle.ROOT_8THS, 38, CompStyle.SUSTAINED, new int[] {90, 81}, 88, 81, 88, 0.65,
      List.of("i VI III VII", "i VII VI VII", "i iv VI VII"), List.of("I V vi IV", "vi IV I V")),
  TRANCE("trance", List.of("trance", "psytrance", "uplifting trance"), 132, 140, 0.0,
      DrumStyle.FOUR_ON_FLOOR, BassStyle.OFFBEAT, 38, CompStyle.ARPEGGIO, new int[] {81, 90}, 90, 81, 48, 0.8,
      List.of("i VI III VII", "i VII VI VII"), List.of("vi IV I V")),
  TECHNO("techno", List.of("techno", "industrial techno", "minimal"), 125, 140, 0.0,
      DrumStyle.TECHNO, BassStyle.ROLLING_16THS, 38, CompStyle.OFFBEAT_STABS, new int[] {81, 88}, 92, 81, 95, 0.9,
      List.of("i i i i", "i i VI VII", "i i iv i"), List.of("I I IV I")),
  HOUSE("house", List.of("deep house", "tech house", "house", "edm", "dance", "electronic", "club"), 118, 128, 0.0,
      DrumStyle.FOUR_ON_FLOOR, BassStyle.OFFBEAT, 38, CompStyle.OFFBEAT_STABS, new int[] {4, 0}, 89, 81, 50, 0.6,
      List.of("i VII VI VII", "i iv VII III", "i7 iv7 i7 v7"), List.of("ii7 V7 Imaj7 Imaj7", "I V vi IV", "vi7 IVmaj7 Imaj7 V")),
  DISCO("disco", List.of("disco", "nu disco", "nu-disco"), 110, 125, 0.0,
      DrumStyle.DISCO, BassStyle.OCTAVES, 33, CompStyle.RHYTHM_16THS, new int[] {27, 4}, 48, 61, 48, 0.5,
      List.of("i7 iv7 i7 iv7", "i7 VImaj7 iv7 v7"), List.of("ii7 V7 Imaj7 vi7", "Imaj7 IVmaj7 iii7 vi7")),
  FUNK("funk", List.of("funk", "funky"), 100, 115, 0.08,
      DrumStyle.FUNK, BassStyle.SYNCOPATED, 36, CompStyle.RHYTHM_16THS, new int[] {27, 4}, 48, 61, 61, 0.6,
      List.of("i7 IV7 i7 IV7", "i7 i7 IV7 IV7"), List.of("I7 IV7 I7 IV7")),
  RNB("r&b", List.of("r&b", "rnb", "r and b", "neo soul", "neo-soul", "soul", "motown"), 60, 100, 0.14,
      DrumStyle.RNB, BassStyle.SYNCOPATED, 33, CompStyle.SUSTAINED, new int[] {4, 0}, 48, 4, 48, 0.45,
      List.of("i7 iv7 VImaj7 v7", "i7 VImaj7 iv7 v7"), List.of("ii7 V7 Imaj7 Imaj7", "IVmaj7 iii7 ii7 Imaj7", "Imaj7 vi7 ii7 V7")),
  REGGAE("reggae", List.of("reggae", "roots reggae", "dub", "ska"), 60, 90, 0.1,
      DrumStyle.ONE_DROP, BassStyle.SYNCOPATED, 33, CompStyle.SKANK, new int[] {27, 16}, 16, 16, 16, 0.4,
      List.of("i iv i iv", "i VII i iv"), List.of("I IV I IV", "I IV V IV", "I vi IV V")),
  JAZZ("jazz", List.of("jazz", "swing", "bebop", "big band", "jazzy", "lounge"), 120, 200, 0.33,
      DrumStyle.SWING, BassStyle.WALKING, 32, CompStyle.JAZZ_COMP, new int[] {0, 4}, 48, 65, 56, 0.35,
      List.of("iio7 V7 i7 i7", "i7 iv7 iio7 V7"), List.of("ii7 V7 Imaj7 Imaj7", "Imaj7 vi7 ii7 V7", "iii7 vi7 ii7 V7")),
  HIP_HOP("hip hop", List.of("hip hop", "hip-hop", "hiphop", "boom bap", "boom-bap", "rap", "old school"), 85, 100, 0.12,
      DrumStyle.BOOM_BAP, BassStyle.SYNCOPATED, 33, CompStyle.SUSTAINED, new int[] {0, 4}, 48, 0, 48, 0.75,
      List.of("i iv v iv", "i7 iv7 i7 v7", "i VI iv v"), List.of("ii7 V7 Imaj7 Imaj7", "I vi IV V")),
  METAL("metal", List.of("metal", "heavy metal", "metalcore", "thrash", "doom"), 100, 200, 0.0,
      DrumStyle.METAL, BassStyle.ROOT_8THS, 34, CompStyle.POWER_8THS, new int[] {30, 29}, 48, 30, 48, 0.95,
      List.of("i5 VI5 VII5 i5", "i5 bII5 i5 VII5", "i5 i5 VI5 VII5"), List.of("I5 bVII5 IV5 I5")),
  PUNK("punk", List.of("punk", "pop punk", "pop-punk", "hardcore"), 160, 200, 0.0,
      DrumStyle.PUNK, BassStyle.ROOT_8THS, 34, CompStyle.POWER_8THS, new int[] {30, 29}, 48, 30, 30, 0.2,
      List.of("i5 VI5 III5 VII5"), List.of("I5 IV5 V5 IV5", "I5 V5 vi5 IV5", "I5 IV5 I5 V5")),
  COUNTRY("country", List.of("country", "bluegrass", "americana", "honky tonk"), 100, 130, 0.0,
      DrumStyle.COUNTRY, BassStyle.ROOT_FIFTH, 33, CompStyle.STRUM, new int[] {25, 24}, 48, 40, 40, 0.1,
      List.of("i iv v i"), List.of("I IV V I", "I IV I V", "I V vi IV")),
  FOLK("folk", List.of("folk", "acoustic", "singer-songwriter", "singer songwriter", "unplugged", "campfire"), 90, 120, 0.0,
      DrumStyle.FOLK, BassStyle.ROOT_FIFTH, 32, CompStyle.ARPEGGIO, new int[] {25, 24}, 48, 22, 40, 0.3,
      List.of("i VI III VII", "i iv VI v"), List.of("I IV vi V", "I V vi IV", "vi IV I V", "I IV I V")),
  AMBIENT("ambient", List.of("ambient", "drone", "meditation", "meditative", "soundscape", "new age"), 60, 90, 0.0,
      DrumStyle.NONE, BassStyle.DRONE, 89, CompStyle.SUSTAINED, new int[] {89, 88}, 91, 92, 49, 0.5,
      List.of("i VII i VI", "i iv i VII"), List.of("Imaj7 IVmaj7 Imaj7 IVmaj7", "I V IV I")),
  ORCHESTRAL("orchestral", List.of("orchestral", "cinematic", "epic", "film score", "soundtrack", "classical", "symphonic", "trailer"), 60, 140, 0.0,
      DrumStyle.ORCHESTRAL, BassStyle.SUSTAINED, 43, CompStyle.ARPEGGIO, new int[] {48, 49}, 52, 60, 61, 0.8,
      List.of("i VI III VII", "i iv VI V", "i VI iv V"), List.of("I V vi IV", "I vi IV V")),
  BALLAD("ballad", List.of("piano ballad", "power ballad", "ballad"), 60, 80, 0.0,
      DrumStyle.BALLAD, BassStyle.SUSTAINED, 32, CompStyle.ARPEGGIO, new int[] {0, 0}, 48, 0, 49, 0.35,
      List.of("i VI III VII", "i iv VI V"), List.of("I V vi IV", "I iii vi IV", "vi IV I V")),
  ROCK("rock", List.of("rock", "grunge", "alternative", "indie rock", "garage", "blues rock", "hard rock"), 110, 140, 0.0,
      DrumStyle.ROCK, BassStyle.ROOT_8THS, 34, CompStyle.POWER_8THS, new int[] {29, 30}, 17, 29, 17, 0.4,
      List.of("i VI VII i", "i VII VI VII"), List.of("I IV V IV", "I bVII IV I", "I V vi IV")),
  POP("pop", List.of("pop", "indie pop", "dance pop", "k-pop", "kpop", "dream pop"), 100, 130, 0.0,
      DrumStyle.POP, BassStyle.ROOT_8THS, 33, CompStyle.BLOCK_QUARTERS, new int[] {0, 25}, 48, 90, 90, 0.25,
      List.of("i VI III VII", "vi IV I V"), List.of("I V vi IV", "vi IV I V", "I vi IV V"));

  private final String label;
  private final List<String> keywords;
  private final int bpmMin;
  private final int bpmMax;
  private final double swing;
  private final DrumStyle drums;
  private final BassStyle bass;
  private final int bassProgram;
  private final CompStyle comp;
  private final int[] chordPrograms;
  private final int padProgram;
  private final int leadProgram;
  private final int extraProgram;
  private final double minorBias;
  private final List<String> minorProgressions;
  private final List<String> majorProgressions;

  Genre(String label, List<String> keywords, int bpmMin, int bpmMax, double swing, DrumStyle drums,
      BassStyle bass, int bassProgram, CompStyle comp, int[] chordPrograms, int padProgram,
      int leadProgram, int extraProgram, double minorBias, List<String> minorProgressions,
      List<String> majorProgressions) {
    this.label = label;
    this.keywords = keywords;
    this.bpmMin = bpmMin;
    this.bpmMax = bpmMax;
    this.swing = swing;
    this.drums = drums;
    this.bass = bass;
    this.bassProgram = bassProgram;
    this.comp = comp;
    this.chordPrograms = chordPrograms;
    this.padProgram = padProgram;
    this.leadProgram = leadProgram;
    this.extraProgram = extraProgram;
    this.minorBias = minorBias;
    this.minorProgressions = minorProgressions;
    this.majorProgressions = majorProgressions;
  }

  public String label() { return label; }
  public List<String> keywords() { return keywords; }
  public int bpmMin() { return bpmMin; }
  public int bpmMax() { return bpmMax; }
  /** 0 = straight; 0.33 = triplet swing of the off-beat subdivision. */
  public double swing() { return swing; }
  public DrumStyle drums() { return drums; }
  public BassStyle bass() { return bass; }
  public int bassProgram() { return bassProgram; }
  public CompStyle comp() { return comp; }
  /** First is the usual chord instrument, second an alternative the other clip may take. */
  public int chordProgram(int variant) { return chordPrograms[Math.floorMod(variant, chordPrograms.length)]; }
  public int padProgram() { return padProgram; }
  public int leadProgram() { return leadProgram; }
  /** A colour instrument (strings, fiddle, brass…) for choruses. */
  public int extraProgram() { return extraProgram; }
  /** Probability of a minor key when the mood does not decide. */
  public double minorBias() { return minorBias; }
  public List<String> minorProgressions() { return minorProgressions; }
  public List<String> majorProgressions() { return majorProgressions; }

  /** Swing applies to 8ths in jazz, 16ths elsewhere. */
  public boolean swingsEighths() { return this == JAZZ || this == REGGAE; }

  /** Melody and harmony move at half speed over fast breakbeats. */
  public boolean halfTimeFeel() { return bpmMin >= 150 || this == DUBSTEP || this == TRAP; }
}
