package io.backbeat.engine.prompt;

import io.backbeat.engine.prompt.Token.Cat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a picture of the prompt would hold: colours, motifs, moods, time of day, weather and
 * season. Word lists live with each enum ({@link Lexicon}); this walks the prompt's words in
 * order, then its emoji, so results are in prompt order and deterministic.
 */
final class VisualReader {
  private static final int MAX_COLOURS = 6;
  private static final int MAX_MOTIFS = 8;
  private static final int MAX_MOODS = 4;
  private static final Map<Integer, String> COLOUR_EMOJI = colourEmoji();
  /** Words after an ambiguous colour word that make it a colour: "rust tones", "gold light". */
  private static final Set<String> COLOUR_NOUNS =
      Set.of("colour", "color", "coloured", "colored", "tone", "tones", "hue", "hues", "shade",
          "shades", "light", "glow", "sky", "skies");

  record Visuals(List<Mood> moods, List<Colour> colours, List<Motif> motifs,
      Optional<TimeOfDay> timeOfDay, List<Weather> weather, Optional<Season> season) {}

  private VisualReader() {}

  static Visuals read(List<Token> tokens, String prompt) {
    Set<Mood> moods = new LinkedHashSet<>();
    Map<String, Colour> colours = new LinkedHashMap<>();
    Set<Motif> motifs = new LinkedHashSet<>();
    Set<Weather> weather = new LinkedHashSet<>();
    TimeOfDay time = null;
    Season season = null;
    // Themes as the lyrics weigh them, but without colour words: "dark red" is not a dark scene.
    Map<Theme, Double> themes = new java.util.EnumMap<>(Theme.class);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      String w = t.lower;
      Token prev = i > 0 && tokens.get(i - 1).clause == t.clause ? tokens.get(i - 1) : null;
      Token next = i + 1 < tokens.size() && tokens.get(i + 1).clause == t.clause ? tokens.get(i + 1) : null;
      if (next != null) {
        if (Colour.isCompound(w, next.lower)) { // "midnight blue" is a colour, not a time
          add(colours, Colour.compound(w, next.lower));
          i++;
          continue;
        }
        time = time != null ? time : TimeOfDay.LEXICON.phrase(w, next.lower);
        season = season != null ? season : Season.LEXICON.phrase(w, next.lower);
        addIfPresent(motifs, Motif.LEXICON.phrase(w, next.lower));
      }
      int before = colours.size();
      colours(t, prev, next, colours);
      boolean modifiesColour = Colour.MODIFIERS.contains(w) && next != null && colourBase(next.lower) != null;
      if (!modifiesColour) {
        addIfPresent(moods, Mood.LEXICON.word(w));
      }
      if (!modifiesColour && colours.size() == before && colourBase(w) == null) {
        scoreThemes(t, themes);
      }
      addIfPresent(weather, Weather.LEXICON.word(w));
      time = time != null ? time : TimeOfDay.LEXICON.word(w);
      season = season != null ? season : Season.LEXICON.word(w);
      addIfPresent(motifs, Motif.LEXICON.word(w));
      if (PromptReader.CITIES.contains(w)
          || (next != null && PromptReader.GAZETTEER_PAIRS.contains(w + " " + next.lower))) {
        motifs.add(Motif.CITY);
      }
    }
    int[] codePoints = prompt.codePoints().toArray();
    for (int cp : codePoints) {
      String colour = COLOUR_EMOJI.get(cp);
      if (colour != null) {
        add(colours, Colour.modified(null, colour));
      }
      addIfPresent(moods, Mood.LEXICON.emoji(cp));
      addIfPresent(weather, Weather.LEXICON.emoji(cp));
      addIfPresent(motifs, Motif.LEXICON.emoji(cp));
      time = time != null ? time : TimeOfDay.LEXICON.emoji(cp);
      season = season != null ? season : Season.LEXICON.emoji(cp);
    }
    // A breakup reads sad and a party energetic even when no mood word says so.
    themes.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<Theme, Double> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey))
        .map(e -> moodOf(e.getKey()))
        .forEach(m -> addIfPresent(moods, m));
    return new Visuals(first(moods, MAX_MOODS), first(colours.values(), MAX_COLOURS),
        first(motifs, MAX_MOTIFS), Optional.ofNullable(time), List.copyOf(weather),
        Optional.ofNullable(season));
  }

  private static void scoreThemes(Token t, Map<Theme, Double> themes) {
    if (t.cat == Cat.STOP || t.cat == Cat.DET || t.cat == Cat.PREP || t.cat == Cat.OBJ) {
      return;
    }
    List<String> forms = List.of(t.lower, Spelling.singular(t.lower), PromptReader.gerundBase(t.lower));
    for (Theme theme : Theme.values()) {
      if (forms.stream().anyMatch(theme.triggers()::contains)) {
        themes.merge(theme, t.cat == Cat.MOOD ? 1.5 : 1.0, Double::sum);
      }
    }
  }

  /** The colours one word names: "teal", "light blue" (with the word before), "blue-green". */
  private static void colours(Token t, Token prev, Token next, Map<String, Colour> out) {
    String w = t.lower;
    if (w.indexOf('-') > 0) {
      String[] parts = w.split("-");
      if (parts.length == 2 && Colour.isCompound(parts[0], parts[1])) {
        add(out, Colour.compound(parts[0], parts[1])); // "sky-blue"
        return;
      }
      String modifier = null;
      for (String part : parts) {
        String base = colourBase(part);
        if (base != null) {
          add(out, Colour.modified(modifier, base)); // "blue-green", "dark-red"
          modifier = null;
        } else {
          modifier = Colour.MODIFIERS.contains(part) ? part : null;
        }
      }
      return;
    }
    String base = colourBase(w);
    if (base == null) {
      return;
    }
    String modifier = prev != null && Colour.MODIFIERS.contains(prev.lower) ? prev.lower : null;
    if (!Colour.AMBIGUOUS.contains(base) || modifier != null || attributive(next)) {
      add(out, Colour.modified(modifier, base));
    }
  }

  private static String colourBase(String lower) {
    return Colour.base(lower);
  }

  /** "orange sky", "silver moon": an everyday noun used as a colour sits before a noun. */
  private static boolean attributive(Token next) {
    if (next == null) {
      return false;
    }
    return next.cat == Cat.NOUN || next.cat == Cat.ADJ || next.cat == Cat.PROPER
        || COLOUR_NOUNS.contains(next.lower) || colourBase(next.lower) != null;
  }

  private static Mood moodOf(Theme theme) {
    return switch (theme) {
      case SAD -> Mood.SAD;
      case HAPPY -> Mood.HAPPY;
      case HOPE -> Mood.UPLIFTING;
      case DARK -> Mood.DARK;
      case LOVE -> Mood.ROMANTIC;
      case PARTY -> Mood.ENERGETIC;
      default -> null;
    };
  }

  private static void add(Map<String, Colour> colours, Colour c) {
    colours.putIfAbsent(c.name(), c);
  }

  private static <T> void addIfPresent(Set<T> set, T value) {
    if (value != null) {
      set.add(value);
    }
  }

  private static <T> List<T> first(java.util.Collection<T> values, int max) {
    List<T> out = new ArrayList<>(values);
    return List.copyOf(out.subList(0, Math.min(max, out.size())));
  }

  private static Map<Integer, String> colourEmoji() {
    Map<Integer, String> m = new java.util.HashMap<>();
    String[][] table = {
      {"🔴❤", "red"}, {"🟠🧡", "orange"}, {"🟡💛", "yellow"}, {"🟢💚", "green"}, {"🔵💙", "blue"},
      {"🟣💜", "purple"}, {"🟤🤎", "brown"}, {"⚫🖤", "black"}, {"⚪🤍", "white"}, {"🩷", "pink"}
    };
    for (String[] row : table) {
      row[0].codePoints().forEach(cp -> m.put(cp, row[1]));
    }
    return Map.copyOf(m);
  }
}
