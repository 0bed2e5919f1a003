package io.backbeat.engine.compose;

/** How the bass line moves; {@link BassLine} turns this into notes. */
public enum BassStyle {
  OFFBEAT,
  ROLLING_16THS,
  SUB_LONG,
  WOBBLE,
  ROOT_8THS,
  ROOT_FIFTH,
  WALKING,
  SUSTAINED,
  SYNCOPATED,
  OCTAVES,
  GLIDE_808,
  DRONE
}
