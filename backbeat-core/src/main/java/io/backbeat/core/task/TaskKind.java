package io.backbeat.core.task;

/** What a task produces. Stable names: they are stored in the database. */
public enum TaskKind {
  SONG,
  EXTEND,
  UPLOAD_COVER,
  UPLOAD_EXTEND,
  ADD_VOCALS,
  ADD_INSTRUMENTAL,
  REPLACE_SECTION,
  LYRICS,
  /** Word timings and a waveform of a finished clip (synchronous). */
  TIMESTAMPED_LYRICS,
  /** Richer style text from a rough hint (synchronous). */
  STYLE,
  /** A reusable voice identity from a clip (synchronous). */
  PERSONA,
  COVER_ART,
  WAV,
  MP4,
  STEMS,
  IMAGE,
  VIDEO
}
