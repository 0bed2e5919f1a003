package io.backbeat.engine.prompt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.backbeat.engine.prompt.Token.Cat;

/**
 * Reads what a prompt is about, for lyrics, pictures and scenes alike: names, places, subjects,
 * adjectives, actions ("chasing waves"), noun phrases ("rainy Tokyo night"), themes and valence,
 * and what a picture of it would hold — colours, visual motifs, moods, time of day, weather and
 * season. Heuristics only: stop-word and music-jargon filtering, capitalisation for proper nouns,
 * suffixes for parts of speech, word lists and a small gazetteer. Any text is fine (empty, other
 * scripts, emoji); everything is kept in prompt order so the result is deterministic.
 *
 * <pre>{@code
 * PromptReading r = PromptReader.read("a lonely lighthouse under a violet sky at dusk");
 * r.motifs();    // [SEA, SKY]
 * r.colours();   // [violet #8F5CD6]
 * r.timeOfDay(); // Optional[EVENING]
 * }</pre>
 */
public final class PromptReader {
  private static final int MAX_TOKENS = 400;
  /**
   * Longer "words" are keyboard runs or glued text, not something to sing or show; 34 letters
   * still lets "supercalifragilisticexpialidocious" through.
   */
  private static final int MAX_WORD_CHARS = 34;

  /** Reads {@code prompt}; null reads as empty. Never throws. */
  public static PromptReading read(String prompt) {
    List<Token> tokens = tokenize(prompt == null ? "" : prompt);
    Map<Theme, Double> themes = new EnumMap<>(Theme.class);
    emojiThemes(prompt == null ? "" : prompt, themes);
    classify(tokens);
    if (mostlyForeign(tokens)) {
      // Lines are English: a foreign prompt keeps only its names and places.
      for (Token t : tokens) {
        if (t.cat == Cat.NOUN || t.cat == Cat.ADJ || t.cat == Cat.GERUND) {
          t.cat = Cat.SKIP;
        }
      }
    }

    List<String> names = new ArrayList<>();
    List<Place> places = new ArrayList<>();
    properNouns(tokens, names, places, themes);

    Map<String, Integer> nounCounts = new LinkedHashMap<>();
    Map<String, Noun> nouns = new LinkedHashMap<>();
    List<String> adjectives = new ArrayList<>();
    List<String> gerunds = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      scoreThemes(t, themes);
      switch (t.cat) {
        case NOUN -> {
          if (PLACE_NOUNS.contains(t.lower)) {
            if (places.stream().noneMatch(p -> p.word().equals(t.lower)) && places.size() < 3) {
              places.add(new Place(t.lower, false));
            }
          } else {
            String key = Spelling.singular(t.lower);
            nounCounts.merge(key, 1, Integer::sum);
            nouns.putIfAbsent(key, new Noun(nounText(t), determiner(tokens, i)));
          }
        }
        case ADJ -> addOnce(adjectives, t.lower, 4);
        case GERUND -> addOnce(gerunds, t.lower, 4);
        default -> {}
      }
    }
    List<Noun> things =
        nouns.entrySet().stream()
            .sorted(
                Comparator.comparingInt((Map.Entry<String, Noun> e) -> -nounCounts.get(e.getKey())))
            .limit(6)
            .map(Map.Entry::getValue)
            .toList();
    List<String> actions = actions(tokens);
    List<String> phrases = phrases(tokens);
    Valence valence = valence(themes);
    VisualReader.Visuals visuals = VisualReader.read(tokens, prompt == null ? "" : prompt);
    return new PromptReading(
        List.copyOf(names),
        List.copyOf(places),
        things,
        List.copyOf(adjectives),
        actions,
        phrases,
        List.copyOf(gerunds),
        // An EnumMap keeps iteration in enum order; Map.copyOf would not.
        Collections.unmodifiableMap(new EnumMap<>(themes)),
        valence,
        visuals.moods(),
        visuals.colours(),
        visuals.motifs(),
        visuals.timeOfDay(),
        visuals.weather(),
        visuals.season());
  }

  // ---- tokenising -------------------------------------------------------------------------

  private static List<Token> tokenize(String prompt) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean sentenceStart = true;
    int clause = 0;
    int i = 0;
    while (i <= prompt.length() && tokens.size() < MAX_TOKENS) {
      int cp = i < prompt.length() ? prompt.codePointAt(i) : ' ';
      int len = Character.charCount(cp);
      boolean inner = (cp == '\'' || cp == '’' || cp == '-') && !word.isEmpty();
      if (Character.isLetterOrDigit(cp)
          || Character.getType(cp) == Character.NON_SPACING_MARK
          || inner) {
        word.appendCodePoint(cp);
      } else {
        if (!word.isEmpty()) {
          String w = word.toString().replaceAll("[-']+$", "");
          if (!w.isEmpty()) {
            tokens.add(new Token(w, sentenceStart, clause));
          }
          sentenceStart = false;
          word.setLength(0);
        }
        if (".!?;:\n".indexOf(cp) >= 0 || cp == '。' || cp == '！' || cp == '？') {
          sentenceStart = true;
          clause++;
        } else if (",()[]\"/|&+—–".indexOf(cp) >= 0 || cp == '，') {
          clause++;
        }
      }
      i += len;
    }
    return tokens;
  }

  private static void classify(List<Token> tokens) {
    boolean capsMeaningful = capsMeaningful(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      t.cat = category(tokens, i, capsMeaningful);
    }
  }

  /** All-caps or Title Case Everywhere prompts say nothing about proper nouns. */
  private static boolean capsMeaningful(List<Token> tokens) {
    int letters = 0;
    int upper = 0;
    int words = 0;
    int capitalised = 0;
    for (Token t : tokens) {
      for (char c : t.text.toCharArray()) {
        if (Character.isLetter(c)) {
          letters++;
          upper += Character.isUpperCase(c) ? 1 : 0;
        }
      }
      if (t.text.length() >= 4) {
        words++;
        capitalised += t.capitalized ? 1 : 0;
      }
    }
    boolean allCaps = letters > 0 && upper * 10 >= letters * 7;
    boolean titleCase = words > 3 && capitalised * 10 >= words * 8;
    return !allCaps && !titleCase;
  }

  private static Cat category(List<Token> tokens, int i, boolean capsMeaningful) {
    Token t = tokens.get(i);
    String w = t.lower;
    if (w.isEmpty() || w.length() > MAX_WORD_CHARS || !isLatin(w)) {
      return Cat.SKIP;
    }
    if (w.chars().anyMatch(Character::isDigit)) {
      return w.matches("\\d{2}s|\\d+bpm") ? Cat.META : Cat.SKIP;
    }
    if (DETERMINERS.contains(w)) {
      return Cat.DET;
    }
    if (PREPOSITIONS.contains(w)) {
      return Cat.PREP;
    }
    if (OBJECTS.contains(w)) {
      return Cat.OBJ;
    }
    if (STOP.contains(w) || FOREIGN.contains(w)) {
      return Cat.STOP;
    }
    if (MOODS.contains(w)) {
      return Cat.MOOD;
    }
    if (META.contains(w)) {
      return Cat.META;
    }
    if (AMBIGUOUS_GENRES.contains(w) && nextToMeta(tokens, i)) {
      return Cat.META;
    }
    if (INSTRUMENTS.contains(w) && !owned(tokens, i)) {
      return Cat.META;
    }
    if (CALENDAR.contains(w)) {
      return Cat.NOUN;
    }
    boolean gazetteer = GAZETTEER.contains(w);
    if (gazetteer
        || (capsMeaningful
            && t.capitalized
            && (!t.sentenceStart || capitalisedElsewhere(tokens, t)))) {
      return Cat.PROPER;
    }
    if (w.length() < 3 || w.chars().noneMatch(c -> "aeiouy".indexOf(c) >= 0)) {
      return Cat.SKIP;
    }
    if (w.endsWith("ing") && w.length() >= 5 && !ING_NOUNS.contains(w)) {
      return Cat.GERUND;
    }
    if (w.endsWith("ly") && w.length() > 4 && !LY_NOUNS.contains(w)) {
      return ADJECTIVES.contains(w) ? Cat.ADJ : Cat.SKIP;
    }
    if (isAdjective(w)) {
      return Cat.ADJ;
    }
    if (w.endsWith("ed") && w.length() > 4 && !ED_NOUNS.contains(w)) {
      // "faded photographs": a participle before a noun reads as an adjective.
      boolean beforeNoun =
          i + 1 < tokens.size()
              && tokens.get(i + 1).clause == t.clause
              && !STOP.contains(tokens.get(i + 1).lower)
              && !PREPOSITIONS.contains(tokens.get(i + 1).lower)
              && !DETERMINERS.contains(tokens.get(i + 1).lower);
      return beforeNoun ? Cat.ADJ : Cat.SKIP;
    }
    if (VERBS.contains(w)) {
      // "summer love", "a dance", "my drive": after an article or adjective it is a noun.
      Token prev = i > 0 && tokens.get(i - 1).clause == t.clause ? tokens.get(i - 1) : null;
      boolean nounUse = prev != null && (prev.cat == Cat.DET || prev.cat == Cat.ADJ);
      return nounUse ? Cat.NOUN : Cat.SKIP;
    }
    return Cat.NOUN;
  }

  private static boolean mostlyForeign(List<Token> tokens) {
    int foreign = 0;
    int english = 0;
    for (Token t : tokens) {
      if (FOREIGN.contains(t.lower)) {
        foreign++;
      } else if (STOP.contains(t.lower)
          || DETERMINERS.contains(t.lower)
          || PREPOSITIONS.contains(t.lower)) {
        english++;
      }
    }
    return foreign >= 2 && foreign > english;
  }

  private static boolean capitalisedElsewhere(List<Token> tokens, Token t) {
    return tokens.stream()
        .anyMatch(o -> o != t && o.lower.equals(t.lower) && o.capitalized && !o.sentenceStart);
  }

  private static boolean nextToMeta(List<Token> tokens, int i) {
    for (int j : new int[] {i - 1, i + 1}) {
      if (j >= 0 && j < tokens.size() && tokens.get(j).clause == tokens.get(i).clause) {
        String o = tokens.get(j).lower;
        if (META.contains(o)
            || MOODS.contains(o)
            || AMBIGUOUS_GENRES.contains(o)
            || INSTRUMENTS.contains(o)) {
          return true;
        }
      }
    }
    return false;
  }

  /** "my old guitar" is a subject; "piano and strings" is arrangement. */
  private static boolean owned(List<Token> tokens, int i) {
    if (i == 0 || tokens.get(i - 1).clause != tokens.get(i).clause) {
      return false;
    }
    Token prev = tokens.get(i - 1);
    return Set.of("my", "his", "her", "our", "their", "your").contains(prev.lower)
        || prev.possessive
        || isAdjective(prev.lower)
        || Set.of("old", "broken", "battered", "new").contains(prev.lower);
  }

  private static boolean isAdjective(String w) {
    if (ADJECTIVES.contains(w)) {
      return true;
    }
    for (String suffix : List.of("ful", "less", "ous", "ive", "ish", "ic", "able", "ible", "est")) {
      if (w.endsWith(suffix) && w.length() > suffix.length() + 2 && !NOT_ADJECTIVES.contains(w)) {
        return true;
      }
    }
    return false;
  }

  // ---- proper nouns -----------------------------------------------------------------------

  private static void properNouns(
      List<Token> tokens, List<String> names, List<Place> places, Map<Theme, Double> themes) {
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      // Two-word place names written in lower case ("new york") are places too.
      if (i + 1 < tokens.size() && tokens.get(i + 1).clause == t.clause) {
        String pair = t.lower + " " + tokens.get(i + 1).lower;
        if (GAZETTEER_PAIRS.contains(pair)) {
          String place = Spelling.capitalize(t.text) + " " + Spelling.capitalize(tokens.get(i + 1).text);
          t.cat = Cat.SKIP;
          tokens.get(i + 1).cat = Cat.SKIP;
          i++;
          if (i + 1 < tokens.size()
              && tokens.get(i + 1).lower.equals("city")
              && tokens.get(i + 1).clause == t.clause) {
            place += " City"; // "New York City"
            tokens.get(++i).cat = Cat.SKIP;
          }
          addPlace(places, place, themes);
          continue;
        }
      }
      if (t.cat != Cat.PROPER) {
        continue;
      }
      int j = i;
      StringBuilder name =
          new StringBuilder(GAZETTEER.contains(t.lower) ? Spelling.capitalize(t.text) : t.text);
      boolean gazetteer = GAZETTEER.contains(t.lower);
      while (j + 1 < tokens.size()
          && j - i < 2
          && tokens.get(j + 1).cat == Cat.PROPER
          && tokens.get(j + 1).clause == t.clause
          && !tokens.get(j).possessive) {
        j++;
        Token next = tokens.get(j);
        name.append(' ')
            .append(GAZETTEER.contains(next.lower) ? Spelling.capitalize(next.text) : next.text);
        gazetteer |= GAZETTEER.contains(next.lower);
      }
      boolean afterPreposition =
          i > 0
              && tokens.get(i - 1).clause == t.clause
              && PLACE_PREPOSITIONS.contains(tokens.get(i - 1).lower);
      if (gazetteer || afterPreposition) {
        addPlace(places, name.toString(), themes);
      } else if (names.size() < 2 && !names.contains(name.toString())) {
        names.add(name.toString());
      }
      for (int k = i; k <= j; k++) {
        tokens.get(k).cat = k == j ? Cat.PROPER : Cat.SKIP;
      }
      i = j;
    }
  }

  private static void addPlace(List<Place> places, String name, Map<Theme, Double> themes) {
    if (places.size() < 3 && places.stream().noneMatch(p -> p.word().equalsIgnoreCase(name))) {
      places.add(0, new Place(name, true));
      String lower = name.toLowerCase(Locale.ROOT);
      if (CITIES.contains(lower) || GAZETTEER_PAIRS.contains(lower)) {
        themes.merge(Theme.CITY, 1.0, Double::sum);
      } else {
        themes.merge(Theme.ROAD, 0.5, Double::sum);
      }
    }
  }

  // ---- phrases and actions ----------------------------------------------------------------

  /** Gerund plus what follows it in the clause: "chasing waves", "dancing in the rain". */
  private static List<String> actions(List<Token> tokens) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size() && out.size() < 2; i++) {
      Token g = tokens.get(i);
      if (g.cat != Cat.GERUND) {
        continue;
      }
      List<String> words = new ArrayList<>(List.of(g.lower));
      int j = i + 1;
      j = take(tokens, g, j, Cat.PREP, words);
      j = take(tokens, g, j, Cat.DET, words);
      boolean object = false;
      if (at(tokens, g, j, Cat.OBJ)) {
        words.add(tokens.get(j).lower);
        object = true;
      } else {
        for (int adjectives = 0; adjectives < 2 && at(tokens, g, j, Cat.ADJ); adjectives++) {
          words.add(tokens.get(j++).lower);
        }
        if (at(tokens, g, j, Cat.NOUN) || at(tokens, g, j, Cat.PROPER)) {
          Token n = tokens.get(j++);
          words.add(n.cat == Cat.PROPER ? n.text : nounText(n));
          object = true;
          if (at(tokens, g, j, Cat.NOUN)) {
            words.add(nounText(tokens.get(j))); // "city lights"
          }
        }
      }
      // Without an object the preposition and articles dangle ("walking in the").
      String action = object ? String.join(" ", words) : g.lower;
      if (!out.contains(action)) {
        out.add(action);
      }
    }
    return List.copyOf(out);
  }

  private static int take(List<Token> tokens, Token g, int j, Cat cat, List<String> words) {
    if (at(tokens, g, j, cat)) {
      words.add(tokens.get(j).lower);
      return j + 1;
    }
    return j;
  }

  private static boolean at(List<Token> tokens, Token g, int j, Cat cat) {
    return j < tokens.size() && tokens.get(j).clause == g.clause && tokens.get(j).cat == cat;
  }

  /** Runs of adjectives and nouns ending on a common noun: "rainy Tokyo night". */
  private static List<String> phrases(List<Token> tokens) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      int j = i;
      while (j < tokens.size()
          && isPhrasePart(tokens.get(j))
          && tokens.get(j).clause == tokens.get(i).clause) {
        j++;
      }
      int end = j - 1;
      while (end > i && tokens.get(end).cat != Cat.NOUN) {
        end--;
      }
      int start = Math.max(i, end - 2);
      if (end - start >= 1 && tokens.get(end).cat == Cat.NOUN) {
        StringBuilder p = new StringBuilder();
        for (int k = start; k <= end; k++) {
          Token t = tokens.get(k);
          if (!p.isEmpty()) {
            p.append(' ');
          }
          p.append(t.cat == Cat.PROPER ? t.text : t.lower).append(t.possessive ? "'s" : "");
        }
        String phrase = p.toString();
        if (!out.contains(phrase) && out.size() < 3) {
          out.add(phrase);
        }
      }
      i = Math.max(j, i + 1);
    }
    // Longer phrases say more about the subject; keep prompt order among equals.
    List<String> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparingInt((String s) -> -s.split(" ").length));
    return List.copyOf(sorted);
  }

  private static boolean isPhrasePart(Token t) {
    return t.cat == Cat.ADJ || t.cat == Cat.NOUN || t.cat == Cat.PROPER;
  }

  // ---- themes and valence ------------------------------------------------------------------

  private static void scoreThemes(Token t, Map<Theme, Double> themes) {
    if (t.cat == Cat.STOP || t.cat == Cat.DET || t.cat == Cat.PREP || t.cat == Cat.OBJ) {
      return;
    }
    double weight = t.cat == Cat.MOOD ? 1.5 : 1.0;
    List<String> forms = List.of(t.lower, Spelling.singular(t.lower), gerundBase(t.lower));
    for (Theme theme : Theme.values()) {
      if (forms.stream().anyMatch(theme.triggers()::contains)) {
        themes.merge(theme, weight, Double::sum);
      }
    }
  }

  private static void emojiThemes(String prompt, Map<Theme, Double> themes) {
    prompt
        .codePoints()
        .forEach(
            cp -> {
              Theme theme = EMOJI.get(cp);
              if (theme != null) {
                themes.merge(theme, 1.0, Double::sum);
              }
            });
  }

  private static Valence valence(Map<Theme, Double> themes) {
    double v = 0;
    for (Map.Entry<Theme, Double> e : themes.entrySet()) {
      v += e.getKey().valence() * e.getValue();
    }
    return v > 0.4 ? Valence.POSITIVE : v < -0.4 ? Valence.NEGATIVE : Valence.NEUTRAL;
  }

  // ---- small word helpers -----------------------------------------------------------------

  private static String determiner(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    if (ABSTRACT.contains(t.lower) || CALENDAR.contains(t.lower)) {
      return "";
    }
    for (int j = i - 1; j >= 0 && j >= i - 2 && tokens.get(j).clause == t.clause; j--) {
      String w = tokens.get(j).lower;
      if (Set.of("my", "your", "our", "his", "her", "their").contains(w)) {
        return w;
      }
      if (tokens.get(j).cat != Cat.ADJ) {
        break;
      }
    }
    return "the";
  }

  private static String nounText(Token t) {
    return CALENDAR.contains(t.lower) ? Spelling.capitalize(t.lower) : t.lower;
  }

  static String gerundBase(String w) {
    if (!w.endsWith("ing") || w.length() < 5) {
      return w;
    }
    String stem = w.substring(0, w.length() - 3);
    if (stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)) {
      return stem.substring(0, stem.length() - 1); // running → run
    }
    return stem;
  }

  private static void addOnce(List<String> list, String w, int max) {
    if (!list.contains(w) && list.size() < max) {
      list.add(w);
    }
  }

  private static boolean isLatin(String w) {
    return w.codePoints()
        .filter(Character::isLetter)
        .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
  }

  private static Set<String> words(String s) {
    return Set.copyOf(Arrays.asList(s.strip().split("\\s+")));
  }

  // ---- word lists -------------------------------------------------------------------------

  private static final Set<String> DETERMINERS =
      words("a an the my your our his her their this that these those some every each");
  private static final Set<String> PREPOSITIONS =
      words(
          "in at on to from across through near around over under into onto by with"
              + " without along beneath behind beside between toward towards inside outside"
              + " underneath above below past for of off down up upon");
  private static final Set<String> PLACE_PREPOSITIONS =
      words("in at to from across through near around over into of outside inside");
  private static final Set<String> OBJECTS = words("me you him us them it");

  /** Function words of other Latin-script languages, and their words for "song". */
  private static final Set<String> FOREIGN =
      words(
          """
          el la los las del y en con por para una uno sobre canción cancion canciones música
          musica le les des du et sur une chanson avec pour dans sous der die das und ein eine
          über mit von zu im lied auf il lo gli di da per canzone della nel sulla os um uma com
          sem canção não sobre muito
          """);

  private static final Set<String> STOP =
      words(
          """
          about after again against all am and any are aren't as be because been before being
          both but can can't cannot could couldn't did didn't do does doesn't doing don't during
          few further had hadn't has hasn't have haven't having he he'd he'll he's here hers
          herself himself how i i'd i'll i'm i've if is isn't it's its itself let's more most
          mustn't myself no nor not once only or other ought ours ourselves own same she she'd
          she'll she's should shouldn't so such than then there there's they they'd they'll
          they're they've too until very was wasn't we we'd we'll we're we've were weren't what
          what's when where which while who whom why will won't would wouldn't you'd you'll
          you're you've yours yourself yourselves also just really like get got gets getting go
          goes going went gone make makes made making want wants wanted need needs feel feels
          felt feeling feelings thing things something anything everything nothing someone
          somebody everyone everybody kind sort lot lots way ways much many maybe please use
          using one two three four five first second last next can may might must shall let
          lets say says said tell tells told know knows knew think thinks thought see sees saw
          look looks looking come comes came take takes took give gives gave put keep keeps
          kept still even ever never always often sometimes quite rather yet though although
          however since within via per etc okay ok yeah yes hey oh time times day days year
          years called named whose whoever whatever bit little big lot new good great best
          better really truly actually especially probably perhaps almost enough another
          """);
  private static final Set<String> META =
      words(
          """
          song songs track tracks tune tunes lyric lyrics music musical genre genres style styles
          vocal vocals voice voices singer singers sing sings singing sung female male bpm tempo
          beat beats instrumental chorus verse verses bridge intro outro hook melody melodies
          pop jazz hip hop rap rapper trap edm techno trance dubstep lofi lo-fi drill indie
          r&b rnb reggae reggaeton afrobeats afrobeat ballad acoustic electronic orchestral
          cinematic ambient synthwave synth synths strings drums drum bass bassline 808 808s
          minute minutes seconds version remix cover vibe vibes feat ft featuring write writing
          written generate create compose composed produced production producer sound sounds
          styled inspired influence influences retro modern duet choir harmonies arrangement
          lead backing mix master tiktok radio-friendly banger anthem jam bop hit
          hits single album record
          """);
  private static final Set<String> MOODS =
      words(
          """
          sad happy upbeat uplifting melancholic melancholy cheerful chill mellow energetic
          emotional epic catchy romantic groovy funky dreamy moody nostalgic inspirational
          motivational hopeful angry joyful heartfelt powerful haunting intense calm peaceful
          dramatic triumphant playful bittersweet somber sombre
          """);
  private static final Set<String> AMBIGUOUS_GENRES =
      words("country house soul rock metal folk blues funk disco garage grunge classical punk");
  private static final Set<String> INSTRUMENTS =
      words(
          "piano guitar guitars violin violins cello saxophone sax trumpet trumpets flute"
              + " harmonica ukulele banjo organ keys horns brass");
  private static final Set<String> CALENDAR =
      words(
          """
          monday tuesday wednesday thursday friday saturday sunday january february march april
          june july august september october november december christmas halloween thanksgiving
          easter
          """);
  private static final Set<String> ABSTRACT =
      words(
          """
          love heartbreak freedom hope fate peace joy nostalgia youth summer winter spring autumn
          loneliness happiness sadness grief anger courage faith life death chaos friendship
          home time destiny heaven hell paradise desire passion trust regret romance wanderlust
          """);
  private static final Set<String> ING_NOUNS =
      words(
          """
          morning evening ring king thing spring string wing ceiling wedding building ending
          beginning nothing something everything anything darling sibling swing sting bling
          pudding lightning clothing offspring earring thanksgiving feeling feelings evening
          """);
  private static final Set<String> LY_NOUNS =
      words(
          "family lily july belly jelly italy butterfly dragonfly firefly holly ally rally"
              + " assembly supply reply bully");
  private static final Set<String> ED_NOUNS =
      words("bed red shed sled seed weed need speed creed breed bread head thread bred hundred");
  private static final Set<String> ADJECTIVES =
      words(
          """
          old young little small tall long short first red blue green golden gold silver black
          white grey gray pink purple yellow orange dark bright cold warm hot cool wild quiet
          loud lonely broken empty sweet bitter lost sunny rainy stormy misty foggy windy snowy
          icy dusty starry sleepy dreamy salty frosty smoky sandy muddy shiny lazy crazy hazy
          rusty breezy gloomy funny lucky angry hungry silly pretty heavy dirty busy easy tiny
          cozy rocky messy wavy sticky lovely lonely deep high low soft gentle tender fierce
          brave free true false wrong right late early endless neon electric velvet midnight
          secret hidden faded frozen tired restless reckless fearless beautiful wonderful
          perfect strange distant ancient vintage wicked holy sacred final sleepless summer
          """);
  private static final Set<String> NOT_ADJECTIVES =
      words(
          "music magic logic panic picnic mosaic traffic republic olive detective captive"
              + " relative forest harvest interest contest protest"
              + " guest chest west nest quest");
  private static final Set<String> VERBS =
      words(
          """
          chase chases chased run runs ran walk walks walked dance dances danced sing sang fly
          flies flew fall falls fell cry cries cried hold holds held leave leaves left love
          loves loved miss misses missed find finds found lose loses lost try tries tried call
          calls called wait waits waited stay stays stayed live lives lived die dies died
          become becomes became turn turns turned move moves moved meet meets met bring brings
          brought hear hears heard remember remembers remembered forget forgets forgot wish
          wishes wished watch watches watched drive drives drove ride rides rode
          """);
  private static final Set<String> PLACE_NOUNS =
      words(
          """
          beach city town street streets road highway ocean sea shore river lake mountain
          mountains forest woods desert park garden club bar kitchen bedroom house school
          church station airport subway bridge rooftop field fields farm island valley harbor
          harbour coast village downtown countryside diner motel hotel cafe library hospital
          stadium arena boulevard avenue alley cemetery meadow hills canyon jungle cave attic
          porch backyard playground dancefloor coastline seaside
          """);
  static final Set<String> CITIES =
      words(
          """
          tokyo paris london berlin rome madrid barcelona lisbon amsterdam seoul shanghai beijing
          bangkok mumbai delhi cairo istanbul moscow sydney melbourne toronto vancouver montreal
          rio havana miami nashville memphis detroit boston seattle austin dallas houston atlanta
          vegas chicago brooklyn manhattan harlem kyoto osaka dublin edinburgh glasgow manchester
          liverpool vienna prague venice florence naples athens stockholm oslo copenhagen
          helsinki reykjavik lagos nairobi johannesburg lima bogota hollywood malibu honolulu
          singapore dubai marrakech budapest warsaw krakow milan marseille lyon munich hamburg
          zurich geneva taipei manila jakarta hanoi saigon shenzhen philadelphia denver phoenix
          portland baltimore oakland tulsa
          """);
  static final Set<String> GAZETTEER_PAIRS =
      Set.of(
          "new york",
          "los angeles",
          "san francisco",
          "hong kong",
          "las vegas",
          "new orleans",
          "cape town",
          "buenos aires",
          "mexico city",
          "san diego",
          "salt lake",
          "rio grande",
          "tel aviv",
          "kuala lumpur",
          "sao paulo",
          "st louis",
          "santa monica",
          "new jersey",
          "new mexico",
          "north carolina",
          "south carolina");
  private static final Set<String> GAZETTEER =
      words(
          """
          tokyo paris london berlin rome madrid barcelona lisbon amsterdam seoul shanghai beijing
          bangkok mumbai delhi cairo istanbul moscow sydney melbourne toronto vancouver montreal
          rio havana miami nashville memphis detroit boston seattle austin dallas houston atlanta
          vegas chicago brooklyn manhattan harlem kyoto osaka dublin edinburgh glasgow manchester
          liverpool vienna prague venice florence naples athens stockholm oslo copenhagen
          helsinki reykjavik lagos nairobi johannesburg lima bogota hollywood malibu honolulu
          singapore dubai marrakech budapest warsaw krakow milan marseille lyon munich hamburg
          zurich geneva taipei manila jakarta hanoi saigon shenzhen philadelphia denver phoenix
          portland baltimore oakland tulsa california texas hawaii alaska tennessee carolina
          ohio kentucky mississippi montana nevada arizona oregon florida louisiana georgia
          italy france spain japan mexico brazil ireland scotland england wales greece africa
          europe asia america jamaica cuba india china korea iceland norway sweden finland
          denmark egypt morocco portugal australia canada argentina peru chile vietnam thailand
          bali ibiza sahara alps nile amazon himalaya himalayas mars venus jupiter saturn
          """);
  private static final Map<Integer, Theme> EMOJI = emoji();

  private static Map<Integer, Theme> emoji() {
    Map<Integer, Theme> m = new java.util.HashMap<>();
    put(m, Theme.OCEAN, "🌊🐚🏄⛵🐬🐳");
    put(m, Theme.LOVE, "❤♥💕💖💗😍💘💞💍💋🌹");
    put(m, Theme.SAD, "💔😢😭😞🥀");
    put(m, Theme.RAIN, "🌧☔🌦⛈☂");
    put(m, Theme.SUMMER, "☀🌞🏖🌴🍉🍹😎");
    put(m, Theme.PARTY, "🎉🥳🕺💃🪩🍾🎊");
    put(m, Theme.NIGHT, "🌙🌃✨⭐🌟🌌");
    put(m, Theme.WINTER, "❄☃⛄🎄");
    put(m, Theme.ROAD, "🚗🛣🚙🏍🚂");
    put(m, Theme.NATURE, "🌲🌿🏔🌻🌸🍃🌳");
    put(m, Theme.PETS, "🐶🐕🐱🐈🐾🐴");
    put(m, Theme.SPACE, "🚀🪐👽🛸");
    put(m, Theme.CITY, "🏙🌆🚕🚇");
    put(m, Theme.HOPE, "🔥💪🏆🌅");
    put(m, Theme.DARK, "🖤💀👻🦇🕷");
    put(m, Theme.HAPPY, "😊😄🙂😁🌈");
    return Map.copyOf(m);
  }

  private static void put(Map<Integer, Theme> m, Theme theme, String emoji) {
    emoji.codePoints().forEach(cp -> m.putIfAbsent(cp, theme));
  }

  private PromptReader() {}
}
