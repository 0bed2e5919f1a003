package io.backbeat.engine.compose;

import java.util.List;

/** GM drum keys (channel 10) used by the patterns. */
final class DrumKit {
  static final int KICK = 36;
  static final int KICK_2 = 35;
  static final int SIDE_STICK = 37;
  static final int SNARE = 38;
  static final int CLAP = 39;
  static final int E_SNARE = 40;
  static final int LOW_TOM = 41;
  static final int CLOSED_HAT = 42;
  static final int MID_LOW_TOM = 45;
  static final int PEDAL_HAT = 44;
  static final int OPEN_HAT = 46;
  static final int HI_MID_TOM = 48;
  static final int HIGH_TOM = 50;
  static final int CRASH = 49;
  static final int RIDE = 51;
  static final int TAMBOURINE = 54;
  static final int COWBELL = 56;
  static final int LOW_CONGA = 64;
  static final int HIGH_CONGA = 63;
  static final int CABASA = 69;
  static final int MARACAS = 70;
  static final int CLAVES = 75;
  static final List<Integer> TOM_RUN = List.of(HIGH_TOM, HI_MID_TOM, MID_LOW_TOM, LOW_TOM);

  private DrumKit() {}
}
