package io.backbeat.engine.voice;

import java.util.Locale;

/**
 * Five sung vowels with their first three formants (Hz, adult male averages after Peterson &
 * Barney); a syllable's spelling picks one.
 */
public enum Vowel {
  A(730, 1090, 2440),
  E(530, 1840, 2480),
  I(270, 2290, 3010),
  O(570, 840, 2410),
  U(300, 870, 2240);

  private final double[] formants;

  Vowel(double f1, double f2, double f3) {
    this.formants = new double[] {f1, f2, f3};
  }

  public double formant(int index) {
    return formants[index];
  }

  /** The vowel a singer holds on this syllable, from English spelling (rough, but stable). */
  public static Vowel of(String syllable) {
    String s = syllable == null ? "" : syllable.toLowerCase(Locale.ROOT);
    if (s.contains("igh") || s.matches(".*[^aeiou]y$") && s.length() <= 3) {
      return A; // "light", "my": the diphthong starts open
    }
    if (s.contains("ee") || s.contains("ea") || s.contains("ie")) {
      return I;
    }
    if (s.contains("oo")) {
      return U;
    }
    if (s.contains("ou") || s.contains("ow") || s.contains("oa")) {
      return O;
    }
    if (s.contains("ay") || s.contains("ai") || s.contains("ey")) {
      return E;
    }
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case 'a': return A;
        case 'e': return E;
        case 'i': return I;
        case 'o': return O;
        case 'u': return U;
        case 'y': return I;
        default: break;
      }
    }
    return A;
  }
}
