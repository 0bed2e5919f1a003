package io.backbeat.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * @param soundFont a GM SoundFont (.sf2) to play with, or null for the default: Debian's FluidR3
 *     ({@code /usr/share/sounds/sf2/FluidR3_GM.sf2}) where installed, else Gervill's built-in bank
 * @param workDir scratch space
 * @param threads worker threads for part rendering (use the core count)
 */
public record StudioConfig(Path soundFont, Path workDir, int threads) {
  public StudioConfig {
    Objects.requireNonNull(workDir, "workDir is null");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
  }
}
