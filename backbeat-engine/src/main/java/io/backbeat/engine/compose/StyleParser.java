package io.backbeat.engine.compose;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads genre, tempo, mood, instruments and vocal hints out of free style text. */
public final class StyleParser {
  private static final Pattern BPM =
      Pattern.compile("(?<![0-9])([0-9]{2,3}(?:\\.[0-9]+)?)\\s*-?\\s*(?:bpm|beats per minute)\\b|\\b(?:bpm|tempo)\\s*[:=]?\\s*([0-9]{2,3})(?![0-9])");
  private static final int MIN_BPM = 40;
  private static final int MAX_BPM = 240;

  private StyleParser() {}

  /**
   * @param style the style text (custom mode) or empty
   * @param prompt the idea (simple mode) or the lyrics (custom mode); consulted only when the
   *     style names no genre, tempo or mood
   * @param seed the request seed: the tempo inside the genre range is shared by both clips
   */
  public static StyleProfile parse(String style, String prompt, String negativeTags,
      Double styleWeight, Double weirdness, long seed) {
    String s = normalize(style);
    String p = normalize(prompt);
    String neg = normalize(negativeTags);
    String text = s.isBlank() ? p : s;
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);

    Genre genre = findGenre(s, neg);
    if (genre == null) {
      genre = findGenre(p, neg);
    }
    if (genre == null) {
      genre = contains(neg, "pop") ? Genre.FOLK : Genre.POP;
    }
    Mood mood = findMood(s, neg);
    if (mood == Mood.NEUTRAL) {
      mood = findMood(p, neg);
    }
    boolean ballad = contains(text, "ballad") || contains(p, "ballad");
    boolean retro = contains(text, "retro") || contains(text, "80s") || contains(text, "vintage");

    Set<Instrument> wanted = EnumSet.noneOf(Instrument.class);
    Set<Instrument> excluded = EnumSet.noneOf(Instrument.class);
    for (Instrument instrument : Instrument.values()) {
      for (String word : instrument.words()) {
        if (contains(s, word) || (s.isBlank() && contains(p, word))) {
          wanted.add(instrument);
        }
        if (contains(neg, word)) {
          excluded.add(instrument);
        }
      }
    }
    // "drum and bass" is a genre, not a request for drums and a bass.
    if (genre == Genre.DRUM_AND_BASS && !contains(text.replaceAll("drum (and|&|n) bass", ""), "bass")) {
      wanted.remove(Instrument.BASS);
    }
    wanted.remove(Instrument.DRUMS);
    wanted.remove(Instrument.VOCALS);

    VocalHint vocal = findVocal(s.isBlank() ? p : s + " " + p, neg);

    Integer explicit = explicitBpm(s);
    if (explicit == null) {
      explicit = explicitBpm(p);
    }
    int bpm = explicit != null ? explicit : chooseBpm(genre, mood, ballad, random);

    double weird = clamp01(weirdness == null ? 0.25 : weirdness);
    double weight = clamp01(styleWeight == null ? 0.5 : styleWeight);
    double adventure = clamp01(weird * (1.25 - 0.5 * weight));

    String tags = tags(genre, mood, bpm, wanted, vocal, style);
    return new StyleProfile(genre, bpm, explicit != null, mood, wanted, excluded, vocal, adventure,
        ballad, retro, tags);
  }

  /** The "NNN bpm" in a text, clamped to a playable range; null when absent. */
  public static Integer explicitBpm(String text) {
    Matcher m = BPM.matcher(normalize(text));
    if (!m.find()) {
      return null;
    }
    String number = m.group(1) != null ? m.group(1) : m.group(2);
    int bpm = (int) Math.round(Double.parseDouble(number));
    return Math.max(MIN_BPM, Math.min(MAX_BPM, bpm));
  }

  private static int chooseBpm(Genre genre, Mood mood, boolean ballad, SplittableRandom random) {
    double lo = genre.bpmMin();
    double hi = genre.bpmMax();
    double span = hi - lo;
    // Mood picks the third of the range; the seed picks inside it.
    double from = switch (mood) {
      case MELLOW, SAD -> 0.0;
      case ENERGETIC -> 0.6;
      default -> 0.25;
    };
    if (ballad && genre != Genre.BALLAD) {
      return (int) Math.max(60, Math.round(lo - 10 + random.nextDouble() * 8));
    }
    if (genre == Genre.DRUM_AND_BASS) {
      return 170 + random.nextInt(6);
    }
    return (int) Math.round(lo + span * (from + random.nextDouble() * 0.4));
  }

  private static Genre findGenre(String text, String neg) {
    if (text.isBlank()) {
      return null;
    }
    for (Genre genre : Genre.values()) {
      boolean banned = false;
      for (String keyword : genre.keywords()) {
        if (contains(neg, keyword)) {
          banned = true;
        }
      }
      if (banned) {
        continue;
      }
      for (String keyword : genre.keywords()) {
        if (contains(text, keyword)) {
          return genre;
        }
      }
    }
    return null;
  }

  private static Mood findMood(String text, String neg) {
    for (Mood mood : Mood.values()) {
      for (String word : mood.words()) {
        if (contains(text, word) && !contains(neg, word)) {
          return mood;
        }
      }
    }
    return Mood.NEUTRAL;
  }

  private static VocalHint findVocal(String text, String neg) {
    boolean female = hasAny(text, "female", "woman", "women", "girl", "soprano", "alto", "she");
    boolean male = hasAny(text, "male", "man", "men", "boy", "baritone", "tenor", "he");
    if (female && !contains(neg, "female")) {
      return VocalHint.FEMALE;
    }
    if (male && !contains(neg, "male")) {
      return VocalHint.MALE;
    }
    if (hasAny(text, "choir", "choral") && !contains(neg, "choir")) {
      return VocalHint.CHOIR;
    }
    return VocalHint.UNSPECIFIED;
  }

  private static String tags(Genre genre, Mood mood, int bpm, Set<Instrument> wanted,
      VocalHint vocal, String style) {
    if (style != null && !style.isBlank()) {
      return style.strip();
    }
    List<String> parts = new ArrayList<>();
    parts.add(genre.label());
    if (mood != Mood.NEUTRAL) {
      parts.add(mood.name().toLowerCase(Locale.ROOT));
    }
    for (Instrument i : wanted) {
      parts.add(i.words().get(0));
    }
    if (vocal == VocalHint.FEMALE) {
      parts.add("female vocals");
    } else if (vocal == VocalHint.MALE) {
      parts.add("male vocals");
    }
    parts.add(bpm + " bpm");
    return String.join(", ", parts);
  }

  private static boolean hasAny(String text, String... words) {
    for (String w : words) {
      if (contains(text, w)) {
        return true;
      }
    }
    return false;
  }

  /** Whole-word (or whole-phrase) containment. */
  static boolean contains(String text, String word) {
    if (text.isEmpty()) {
      return false;
    }
    int from = 0;
    while (true) {
      int at = text.indexOf(word, from);
      if (at < 0) {
        return false;
      }
      int end = at + word.length();
      boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      boolean endOk = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (startOk && endOk) {
        return true;
      }
      from = at + 1;
    }
  }

  private static String normalize(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT).replace('’', '\'');
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
