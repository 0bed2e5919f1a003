package io.backbeat.engine.lyrics;

import io.backbeat.engine.prompt.Noun;
import io.backbeat.engine.prompt.Place;
import io.backbeat.engine.prompt.PromptReading;
import io.backbeat.engine.prompt.Theme;
import io.backbeat.engine.prompt.Valence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Song titles from a prompt's subject, in Title Case. */
final class Titles {
  private Titles() {}

  private static final Set<String> WATERSIDE =
      Set.of(
          "beach",
          "river",
          "lake",
          "sea",
          "shore",
          "harbor",
          "harbour",
          "bay",
          "creek",
          "coast",
          "ocean",
          "seaside",
          "station",
          "docks",
          "water",
          "riverside",
          "coastline");

  /** Titles for prompts with nothing to hold on to (empty, punctuation, other scripts). */
  private static final List<String> FALLBACK_TITLES =
      List.of(
          "Golden Hour",
          "Electric Heart",
          "Wild Horizon",
          "Silver Lining",
          "Open Road",
          "Midnight Radio",
          "Paper Moon",
          "Summer Static",
          "Neon Rain",
          "Northern Lights",
          "Slow Fire",
          "Glass Houses",
          "After the Rain",
          "Runaway Heart",
          "Starlight Drive",
          "Echoes",
          "Afterglow",
          "Heartbeat City",
          "Blue Hour",
          "Wildflower",
          "Lighthouse",
          "Gravity",
          "Higher Ground",
          "Daydream Avenue",
          "Velvet Night");

  private static final Set<String> MINOR_WORDS =
      Set.of(
          "a", "an", "the", "and", "of", "in", "on", "at", "to", "by", "for", "with", "but", "or");

  /**
   * Title ideas from the subject, best first: a noun phrase, an action, a name, a place, a noun,
   * then theme imagery. Always at least one; each at most six words.
   */
  static List<String> ideas(PromptReading s, RandomGenerator rng) {
    List<String> out = new ArrayList<>();
    List<Theme> themes = new ArrayList<>(s.rankedThemes());
    themes.remove(Theme.GENERIC);
    Theme top = themes.isEmpty() ? Theme.GENERIC : themes.getFirst();
    ThemeImagery.Imagery topImagery = ThemeImagery.of(top);
    s.phrases().forEach(p -> addTitle(out, p));
    s.actions().stream().filter(a -> a.contains(" ")).forEach(a -> addTitle(out, a));
    Place common = s.places().stream().filter(p -> !p.proper()).findFirst().orElse(null);
    Place proper = s.places().stream().filter(Place::proper).findFirst().orElse(null);
    for (String name : s.names()) {
      if (common != null) {
        addTitle(out, name + " by the " + common.word());
      } else if (proper != null) {
        addTitle(out, name + " in " + proper.word());
      } else {
        addTitle(out, (s.valence() == Valence.POSITIVE ? "hey " : "ballad of ") + name);
      }
    }
    if (proper != null) {
      String noun =
          s.subjects().isEmpty()
              ? topImagery.nouns().get(rng.nextInt(Math.min(3, topImagery.nouns().size())))
              : s.subjects().getFirst().word();
      addTitle(out, proper.word() + " " + noun);
    }
    if (common != null && WATERSIDE.contains(common.word())) {
      addTitle(out, "down by the " + common.word());
    }
    for (Noun n : s.subjects()) {
      if (n.determiner().isEmpty()) {
        addTitle(out, n.word());
      } else if (!s.adjectives().isEmpty()) {
        addTitle(out, s.adjectives().getFirst() + " " + n.word());
      } else {
        addTitle(out, topImagery.adjectives().get(rng.nextInt(topImagery.adjectives().size())) + " " + n.word());
      }
    }
    if (out.size() < 2 && top != Theme.GENERIC) {
      String adj = topImagery.adjectives().get(rng.nextInt(topImagery.adjectives().size()));
      String noun = topImagery.nouns().get(rng.nextInt(Math.min(6, topImagery.nouns().size())));
      addTitle(out, adj + " " + noun);
    }
    while (out.size() < 2) {
      addTitle(out, FALLBACK_TITLES.get(rng.nextInt(FALLBACK_TITLES.size())));
    }
    return List.copyOf(out);
  }

  private static void addTitle(List<String> titles, String idea) {
    String[] words = idea.strip().split("\\s+");
    String t = String.join(" ", List.of(words).subList(0, Math.min(6, words.length)));
    if (t.length() > 60) {
      t = t.substring(0, 60).replaceAll("\\s+\\S*$", "");
    }
    String title = titleCase(t);
    if (!title.isBlank() && titles.stream().noneMatch(x -> titleCase(x).equalsIgnoreCase(title))) {
      titles.add(title);
    }
  }

  /** Title Case: every word capitalised except short function words inside the title. */
  static String titleCase(String text) {
    String[] words = text.strip().split("\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      boolean inner = i > 0 && i < words.length - 1;
      if (!out.isEmpty()) {
        out.append(' ');
      }
      if (inner && MINOR_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
        out.append(w.toLowerCase(Locale.ROOT));
      } else {
        out.append(Words.capitalize(w));
      }
    }
    return out.toString();
  }
}
