package io.backbeat.engine.compose;

import java.util.ArrayList;
import java.util.List;

/** Splits lyric lines into sung words and words into syllables (one note each). */
public interface Syllabifier {
  List<String> split(String word);

  /** The sung words of a line; punctuation-only tokens are not words. */
  default List<String> words(String line) {
    List<String> out = new ArrayList<>();
    if (line == null) {
      return out;
    }
    for (String raw : line.trim().split("\\s+")) {
      String word = Melody.clean(raw);
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
    return out;
  }
}
