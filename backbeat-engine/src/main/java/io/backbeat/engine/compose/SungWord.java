package io.backbeat.engine.compose;

/** A sung word and where its first syllable starts and its last ends, in straight beats. */
public record SungWord(String word, double startBeat, double endBeat) {}
