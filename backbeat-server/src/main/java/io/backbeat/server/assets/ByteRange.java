package io.backbeat.server.assets;

import java.util.Optional;

/** One satisfiable byte range of a file of known size (RFC 9110 §14). */
record ByteRange(long start, long endInclusive) {

  long length() {
    return endInclusive - start + 1;
  }

  /** Thrown for a syntactically valid range that selects nothing: answer 416. */
  static final class Unsatisfiable extends Exception {
    Unsatisfiable() {
      super(null, null, false, false);
    }
  }

  /**
   * Parses a {@code Range} header. Empty means "serve the whole file": no header, another unit, a
   * malformed value or several ranges (allowed by the RFC; players ask for one).
   */
  static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
    if (header == null || !header.startsWith("bytes=")) {
      return Optional.empty();
    }
    String spec = header.substring("bytes=".length()).strip();
    if (spec.contains(",")) {
      return Optional.empty();
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String first = spec.substring(0, dash).strip();
    String last = spec.substring(dash + 1).strip();
    try {
      if (first.isEmpty()) {
        if (last.isEmpty()) {
          return Optional.empty();
        }
        long suffix = Long.parseLong(last);
        if (suffix <= 0 || size == 0) {
          throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
      if (start < 0 || (!last.isEmpty() && Long.parseLong(last) < start)) {
        return Optional.empty();
      }
      if (start >= size) {
        throw new Unsatisfiable();
      }
      return Optional.of(new ByteRange(start, end));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
