package io.backbeat.core.task.spec;

/** Which voice sings, when the caller asks for one. */
public enum VocalGender {
  MALE,
  FEMALE
}
