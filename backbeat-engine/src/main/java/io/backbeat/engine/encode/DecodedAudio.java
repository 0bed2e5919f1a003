package io.backbeat.engine.encode;

/** Decoded PCM: one float array per channel, values in [-1, 1]. */
public record DecodedAudio(int sampleRate, float[][] channels) {
  public int channelCount() {
    return channels.length;
  }

  public int frames() {
    return channels.length == 0 ? 0 : channels[0].length;
  }

  public double durationSeconds() {
    return frames() / (double) sampleRate;
  }
}
