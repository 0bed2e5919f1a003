package io.backbeat.engine.prompt;

/** Which way a prompt leans, summed over its themes. */
public enum Valence {
  POSITIVE,
  NEUTRAL,
  NEGATIVE
}
