package io.backbeat.engine;

/** When a sung word starts and ends, in seconds from the clip start. */
public record WordTiming(String word, double startS, double endS) {}
