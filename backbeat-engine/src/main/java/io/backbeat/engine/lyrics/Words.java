package io.backbeat.engine.lyrics;

import io.backbeat.engine.prompt.Spelling;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small English spelling helpers for the songwriter (the rules shared with prompts are in {@link Spelling}). */
final class Words {
  private Words() {}

  // Compiled once: String.replaceAll compiles its expression at every call, and every candidate
  // line the songwriter weighs is finished.
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern A_BEFORE_VOWEL =
      Pattern.compile("(?i)\\b(a) ((?![uU]ni|[uU]se|[oO]ne)[aeiouAEIOU])");

  /** Capitalises the first letter, fixes "a"/"an" and spacing. */
  static String finish(String raw) {
    String s = SPACES.matcher(raw).replaceAll(" ").strip();
    s = A_BEFORE_VOWEL.matcher(s).replaceAll("$1n $2");
    if (s.isEmpty()) {
      return s;
    }
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** The gerund of a verb: run → running, dance → dancing, die → dying. */
  static String ing(String verb) {
    String v = verb.toLowerCase(Locale.ROOT);
    if (v.endsWith("ie")) {
      return v.substring(0, v.length() - 2) + "ying";
    }
    if (v.endsWith("e") && !v.endsWith("ee") && v.length() > 2) {
      return v.substring(0, v.length() - 1) + "ing";
    }
    int n = v.length();
    if (n >= 3
        && n <= 4
        && "aeiou".indexOf(v.charAt(n - 2)) >= 0
        && "aeiou".indexOf(v.charAt(n - 3)) < 0
        && "aeiouwxy".indexOf(v.charAt(n - 1)) < 0) {
      return v + v.charAt(n - 1) + "ing"; // run → running, swim → swimming
    }
    return v + "ing";
  }

  /** The base form of a gerund: running → run, chasing → chase, dancing → dance. */
  static String base(String gerund) {
    if (!gerund.endsWith("ing") || gerund.length() < 5) {
      return gerund;
    }
    String stem = gerund.substring(0, gerund.length() - 3);
    int n = stem.length();
    char last = stem.charAt(n - 1);
    if (n >= 3 && last == stem.charAt(n - 2) && "lsz".indexOf(last) < 0) {
      return stem.substring(0, n - 1);
    }
    boolean vowelBefore = n >= 2 && "aeiou".indexOf(stem.charAt(n - 2)) >= 0;
    boolean consonantBeforeThat = n >= 3 && "aeiou".indexOf(stem.charAt(n - 3)) < 0;
    boolean silentE =
        "cvgz".indexOf(last) >= 0 && !stem.endsWith("ng")
            || (vowelBefore && consonantBeforeThat && n <= 4 && "aeiouwxy".indexOf(last) < 0);
    return silentE ? stem + "e" : stem;
  }

  static boolean isPlural(String noun) {
    return noun.endsWith("s") && !noun.endsWith("ss") && !noun.endsWith("us");
  }

  /** A plural noun's singular by spelling: skies → sky, waves → wave, kisses → kiss. */
  static String singular(String w) {
    return Spelling.singular(w);
  }

  /** Upper-cases the first letter and leaves the rest alone ("tokyo" → "Tokyo"). */
  static String capitalize(String w) {
    return Spelling.capitalize(w);
  }
}
