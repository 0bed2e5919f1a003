package io.backbeat.engine.compose;

/** Groove families from ENGINE.md's genre table; {@link DrumPattern} knows their grids. */
public enum DrumStyle {
  FOUR_ON_FLOOR,
  TECHNO,
  BREAKBEAT,
  HALF_TIME,
  BOOM_BAP,
  LOFI,
  TRAP,
  POP,
  ROCK,
  PUNK,
  METAL,
  FUNK,
  DISCO,
  RNB,
  ONE_DROP,
  DEMBOW,
  AFRO,
  SWING,
  BOSSA,
  FOLK,
  COUNTRY,
  BALLAD,
  SYNTHWAVE,
  NONE,
  ORCHESTRAL
}
