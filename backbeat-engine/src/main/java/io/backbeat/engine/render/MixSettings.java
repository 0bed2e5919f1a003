package io.backbeat.engine.render;

import io.backbeat.engine.compose.PartRole;

/**
 * Where each role sits in the mix, as loudness relative to the lead voice: stems are measured
 * (K-weighted, gated) and gained to these levels, so the balance holds whatever sound bank plays.
 */
final class MixSettings {
  private MixSettings() {}

  /** Loudness in LU relative to the reference (the vocal). */
  static double level(PartRole role, boolean instrumental) {
    return switch (role) {
      case VOCAL -> 0;
      case DRUMS -> -2;
      case BASS -> -4;
      case CHORDS -> -6;
      case LEAD -> instrumental ? -1 : -5;
      case PAD -> -11;
      case COLOR -> -10;
    };
  }
}
