package io.backbeat.engine.compose;

/** One sung syllable: its letters (for the vowel shape) and its note's time in straight beats. */
public record SungSyllable(String text, double beat, double length) {}
