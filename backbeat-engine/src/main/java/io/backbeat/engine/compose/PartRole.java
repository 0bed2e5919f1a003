package io.backbeat.engine.compose;

/** What a part does in the mix; decides default gain, pan and reverb. */
public enum PartRole {
  DRUMS,
  BASS,
  CHORDS,
  PAD,
  LEAD,
  VOCAL,
  COLOR
}
