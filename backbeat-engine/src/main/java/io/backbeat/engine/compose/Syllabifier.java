package io.backbeat.engine.compose;

import java.util.List;

/** Splits a word into sung syllables (one note each). */
@FunctionalInterface
public interface Syllabifier {
  List<String> split(String word);
}
