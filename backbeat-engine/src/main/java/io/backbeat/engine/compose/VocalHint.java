package io.backbeat.engine.compose;

/** Who sings, as far as the request says. */
public enum VocalHint {
  FEMALE,
  MALE,
  CHOIR,
  UNSPECIFIED
}
