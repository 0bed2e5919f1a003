package io.backbeat.engine.prompt;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Looks words and emoji up in the vocabulary of an enum (mood, weather, motif…): each constant
 * lists its trigger words (lower case; phrases with underscores) and emoji. The first constant to
 * claim a word keeps it.
 */
final class Lexicon<E extends Enum<E>> {
  private final Map<String, E> words = new HashMap<>();
  private final Map<Integer, E> emoji = new HashMap<>();

  Lexicon(E[] values, Function<E, String> wordsOf, Function<E, String> emojiOf) {
    for (E value : values) {
      for (String w : split(wordsOf.apply(value))) {
        words.putIfAbsent(w.replace('_', ' '), value);
      }
      emojiOf.apply(value).codePoints().forEach(cp -> emoji.putIfAbsent(cp, value));
    }
  }

  /** The constant for a lower-case word (or its singular), or null. */
  E word(String lower) {
    E e = words.get(lower);
    return e != null ? e : words.get(Spelling.singular(lower));
  }

  /** The constant for a two-word phrase ("golden hour"), or null. */
  E phrase(String first, String second) {
    return words.get(first + " " + second);
  }

  E emoji(int codePoint) {
    return emoji.get(codePoint);
  }

  static Set<String> split(String words) {
    return words.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(words.strip().split("\\s+")));
  }
}
