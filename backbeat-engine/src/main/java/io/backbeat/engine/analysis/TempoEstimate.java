package io.backbeat.engine.analysis;

/**
 * A tempo estimate.
 *
 * @param confidence how much the winning period stands out of the comb scores (0..1)
 */
public record TempoEstimate(double bpm, double confidence) {}
