package io.backbeat.engine.render;

import java.util.Objects;

/** One part's audio, 44.1 kHz stereo float. */
public record Stem(String name, float[] left, float[] right) {
  public Stem {
    Objects.requireNonNull(name, "name is null");
    if (left.length != right.length) {
      throw new IllegalArgumentException("channel lengths differ");
    }
  }

  public int frames() {
    return left.length;
  }

  public float[][] channels() {
    return new float[][] {left, right};
  }
}
