package io.backbeat.engine;

/** Derives independent, reproducible seeds from a request seed (SplitMix64 finaliser). */
final class Seeds {
  private Seeds() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long song(long seed) {
    return mix(seed + 0x9E3779B97F4A7C15L);
  }

  static long clip(long seed, int index) {
    return mix(mix(seed) + 0x632BE59BD9B4E019L * (index + 1));
  }
}
