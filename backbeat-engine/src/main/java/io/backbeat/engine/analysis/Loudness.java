package io.backbeat.engine.analysis;

/**
 * A loudness measurement.
 *
 * @param integratedLufs ITU-R BS.1770-4 gated integrated loudness (−∞ as -200 for silence)
 * @param truePeakDbtp 4× oversampled peak in dB true-peak
 * @param samplePeakDbfs highest absolute sample
 */
public record Loudness(double integratedLufs, double truePeakDbtp, double samplePeakDbfs) {}
