package io.backbeat.engine.voice;

import java.util.Set;

/**
 * The CMU phone set as the singer times it: consonant durations (seconds, near the means of
 * sung English at moderate tempo) and which phones carry noise above the diphones' 8 kHz band.
 */
final class Phones {
  private static final Set<String> VOWELS = Set.of("aa", "ae", "ah", "ao", "aw", "ax", "axr", "ay",
      "eh", "er", "ey", "ih", "ix", "iy", "ow", "oy", "uh", "uw");
  private static final Set<String> SONORANTS = Set.of("l", "el", "r", "m", "em", "n", "en", "nx", "ng", "w", "y");
  private static final Set<String> NOISY = Set.of("s", "z", "sh", "zh", "f", "th", "ch", "jh", "t", "k", "p", "hh");

  private Phones() {}

  static boolean isVowel(String phone) {
    return VOWELS.contains(phone);
  }

  static boolean isSonorant(String phone) {
    return SONORANTS.contains(phone);
  }

  static boolean isPause(String phone) {
    return "pau".equals(phone);
  }

  static boolean noisy(String phone) {
    return NOISY.contains(phone);
  }

  /** How long a consonant lasts in a sung syllable's onset or coda. */
  static double duration(String phone) {
    return switch (phone) {
      case "s", "sh", "z", "zh" -> 0.095;
      case "f", "th", "v", "dh", "hh" -> 0.075;
      case "ch", "jh" -> 0.085;
      case "p", "t", "k" -> 0.07;
      case "b", "d", "g", "dx" -> 0.055;
      case "m", "n", "ng", "em", "en", "nx" -> 0.07;
      case "l", "el", "r" -> 0.06;
      case "w", "y" -> 0.05;
      default -> isVowel(phone) ? 0.08 : 0.06;
    };
  }
}
