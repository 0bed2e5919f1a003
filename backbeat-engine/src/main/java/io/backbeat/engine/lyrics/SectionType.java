package io.backbeat.engine.lyrics;

/** The part of the song form a lyric section plays. */
public enum SectionType {
  INTRO,
  VERSE,
  PRE_CHORUS,
  CHORUS,
  BRIDGE,
  OUTRO,
  HOOK,
  INSTRUMENTAL,
  OTHER
}
