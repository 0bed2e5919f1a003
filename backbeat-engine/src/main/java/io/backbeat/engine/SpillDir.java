package io.backbeat.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A render's own folder of spill files (float WAVs of stems and masters too long to hold) under the
 * studio's work directory, created on first use and deleted with everything in it on close.
 */
final class SpillDir implements AutoCloseable {
  private final Path parent;
  private Path dir;

  SpillDir(Path parent) {
    this.parent = parent;
  }

  /** A file for {@code name} in this render's folder. */
  synchronized Path file(String name) throws IOException {
    if (dir == null) {
      Files.createDirectories(parent);
      dir = Files.createTempDirectory(parent, "spill-");
    }
    return dir.resolve(name);
  }

  @Override
  public synchronized void close() throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
    dir = null;
  }
}
