package io.backbeat.engine.prompt;

import java.util.Locale;

/** One word of a prompt, where it stands (sentence start, clause) and what it was read as. */
final class Token {
  /** What a word was read as. */
  enum Cat {
    STOP,
    DET,
    PREP,
    OBJ,
    META,
    MOOD,
    PROPER,
    GERUND,
    ADJ,
    NOUN,
    SKIP
  }

  final String text;
  final String lower;
  final boolean capitalized;
  final boolean sentenceStart;
  final int clause;
  final boolean possessive;
  Cat cat = Cat.SKIP;

  Token(String text, boolean sentenceStart, int clause) {
    String t = text.replace('’', '\'');
    boolean poss = t.endsWith("'s") && t.length() > 3;
    if (poss) {
      t = t.substring(0, t.length() - 2);
    }
    t = t.replaceAll("^'+|'+$", "");
    this.text = t;
    this.lower = t.toLowerCase(Locale.ROOT);
    this.capitalized = !t.isEmpty() && Character.isUpperCase(t.codePointAt(0));
    this.sentenceStart = sentenceStart;
    this.clause = clause;
    this.possessive = poss;
  }
}
