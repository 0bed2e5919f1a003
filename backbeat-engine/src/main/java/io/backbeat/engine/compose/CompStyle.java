package io.backbeat.engine.compose;

/** How the chord instrument plays the harmony; {@link Accompaniment} turns this into notes. */
public enum CompStyle {
  SUSTAINED,
  OFFBEAT_STABS,
  ARPEGGIO,
  STRUM,
  BLOCK_QUARTERS,
  SKANK,
  RHYTHM_16THS,
  POWER_8THS,
  JAZZ_COMP,
  BOSSA_COMP
}
