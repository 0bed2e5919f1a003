package io.backbeat.engine.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A chord: root pitch class and quality. */
public record Chord(int root, ChordQuality quality) {
  private static final Pattern ROMAN =
      Pattern.compile("^([b#]?)(VII|VI|IV|V|III|II|I|vii|vi|iv|v|iii|ii|i)(°|o|\\+)?(maj9|maj7|m9|m7b5|7|9|5|sus2|sus4)?$");
  private static final String[] NUMERALS = {"I", "II", "III", "IV", "V", "VI", "VII"};

  public Chord {
    Objects.requireNonNull(quality, "quality is null");
    root = Math.floorMod(root, 12);
  }

  /**
   * Parses a roman numeral against a key. Degrees count in the key's own mode (so {@code VI} in A
   * minor is F); case gives the triad quality, {@code b}/{@code #} alter the root, and a suffix
   * adds a seventh ({@code 7} on an upper-case numeral is dominant, {@code maj7} major).
   */
  public static Chord roman(Key key, String numeral) {
    Matcher m = ROMAN.matcher(numeral.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a roman numeral chord: " + numeral);
    }
    String accidental = m.group(1);
    String body = m.group(2);
    String mark = m.group(3);
    String suffix = m.group(4);
    int degree = indexOf(body.toUpperCase());
    int root = key.tonic() + key.mode().semitones(degree);
    if ("b".equals(accidental)) {
      root -= 1;
    } else if ("#".equals(accidental)) {
      root += 1;
    }
    boolean upper = Character.isUpperCase(body.charAt(0));
    ChordQuality quality = upper ? ChordQuality.MAJOR : ChordQuality.MINOR;
    if (mark != null) {
      quality = mark.equals("+") ? ChordQuality.AUGMENTED : ChordQuality.DIMINISHED;
    }
    if (suffix != null) {
      quality =
          switch (suffix) {
            case "maj7" -> ChordQuality.MAJOR7;
            case "maj9" -> ChordQuality.MAJOR9;
            case "m9", "9" -> upper && suffix.equals("9") ? ChordQuality.DOMINANT7 : ChordQuality.MINOR9;
            case "m7b5" -> ChordQuality.HALF_DIMINISHED7;
            case "7" -> quality == ChordQuality.DIMINISHED
                ? ChordQuality.HALF_DIMINISHED7
                : quality.withSeventh(true);
            case "5" -> ChordQuality.POWER;
            case "sus2" -> ChordQuality.SUS2;
            case "sus4" -> ChordQuality.SUS4;
            default -> quality;
          };
    }
    return new Chord(root, quality);
  }

  private static int indexOf(String upperNumeral) {
    for (int i = 0; i < NUMERALS.length; i++) {
      if (NUMERALS[i].equals(upperNumeral)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown numeral " + upperNumeral);
  }

  /** Pitch classes of the chord tones, root first. */
  public int[] pitchClasses() {
    int[] pcs = new int[quality.size()];
    for (int i = 0; i < pcs.length; i++) {
      pcs[i] = Math.floorMod(root + quality.interval(i), 12);
    }
    return pcs;
  }

  public boolean contains(int midiNote) {
    int pc = Math.floorMod(midiNote, 12);
    for (int p : pitchClasses()) {
      if (p == pc) {
        return true;
      }
    }
    return false;
  }

  /** The lowest MIDI note with the root's pitch class at or above {@code floor}. */
  public int rootAtOrAbove(int floor) {
    return floor + Math.floorMod(root - floor, 12);
  }

  /**
   * A close voicing of all chord tones whose lowest note is the chord tone nearest above {@code
   * floor}: smooth enough for comping without voice-leading search.
   */
  public List<Integer> voicing(int floor, int maxNotes) {
    List<Integer> notes = new ArrayList<>();
    int[] pcs = pitchClasses();
    int start = Integer.MAX_VALUE;
    int startIndex = 0;
    for (int i = 0; i < pcs.length; i++) {
      int n = floor + Math.floorMod(pcs[i] - floor, 12);
      if (n < start) {
        start = n;
        startIndex = i;
      }
    }
    int prev = start - 1;
    for (int k = 0; k < Math.min(maxNotes, pcs.length); k++) {
      int pc = pcs[(startIndex + k) % pcs.length];
      int n = prev + 1 + Math.floorMod(pc - (prev + 1), 12);
      notes.add(n);
      prev = n;
    }
    return notes;
  }

  /** "Am7", "F", "Bbmaj7". */
  public String symbol() {
    return Key.pitchClassName(root) + quality.suffix();
  }

  @Override
  public String toString() {
    return symbol();
  }
}
