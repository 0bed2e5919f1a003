package io.backbeat.engine.lyrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * Rhyme families grouped by ending sound, each word tagged with how a line can end on it.
 *
 * <p>Slots: {@code n} a scene noun that reads after "in the", "like the", "under the" ("night",
 * "rain"), {@code o} a place or object after "on the", "by the" ("shore", "radio"), {@code a} a
 * predicative adjective ("we were free"), {@code v} an intransitive verb in base form ("let it
 * shine"), {@code x} a clause-final adverbial ("…tonight", "…on my own"). Spelling suffixes let
 * words from a prompt ("Tokyo", "waves") join a family they are not listed in; ambiguous spellings
 * ("-ough", "-ear") are deliberately left out.
 */
final class RhymeBank {
  enum Slot {
    N,
    O,
    A,
    V,
    X
  }

  /**
   * A family; {@code ends} holds {@link #lastWord} of each word, slot by slot in the same order, and
   * {@code allEnds} those of every slot in {@link Slot} order, worked out once at parse: the
   * songwriter asks them of every family many times per line.
   */
  record Family(
      String key,
      Map<Slot, List<String>> words,
      List<String> suffixes,
      Map<Slot, List<String>> ends,
      List<String> allEnds) {
    Family(String key, Map<Slot, List<String>> words, List<String> suffixes) {
      this(key, words, suffixes, endsOf(words), allEndsOf(words));
    }

    private static Map<Slot, List<String>> endsOf(Map<Slot, List<String>> words) {
      Map<Slot, List<String>> ends = new java.util.EnumMap<>(Slot.class);
      words.forEach((slot, ws) -> ends.put(slot, ws.stream().map(RhymeBank::lastWord).toList()));
      return Map.copyOf(ends);
    }

    private static List<String> allEndsOf(Map<Slot, List<String>> words) {
      List<String> all = new ArrayList<>();
      for (Slot slot : Slot.values()) {
        words.getOrDefault(slot, List.of()).forEach(w -> all.add(lastWord(w)));
      }
      return List.copyOf(all);
    }

    List<String> words(Slot slot) {
      return words.getOrDefault(slot, List.of());
    }

    /** {@link #lastWord} of each of {@link #words(Slot)}, index for index. */
    List<String> ends(Slot slot) {
      return ends.getOrDefault(slot, List.of());
    }

    /** Keys are unique (checked at parse), so a family is its key: cheap in sets and maps. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Family f && f.key.equals(key);
    }

    @Override
    public int hashCode() {
      return key.hashCode();
    }

    int size() {
      return words.values().stream().mapToInt(List::size).sum();
    }

    boolean contains(String lastWord) {
      return allEnds.contains(lastWord);
    }
  }

  // key ; n scene nouns ; o object/place nouns ; a adjectives ; v verbs ; x endings ; s suffixes
  private static final String TABLE =
      """
      ay ; n day holiday ; o highway hallway doorway bay ; a gray okay ; v stay play pray sway fade_away break_away ; x away today someday anyway every_day ; s ay eigh
      ight ; n night light moonlight starlight city_light spotlight twilight ; a bright alright ; v fight ignite take_flight ; x tonight all_night alright ; s ight ite
      ine ; n sunshine ; o skyline coastline borderline line ; a fine divine ; v shine ; s ine ign
      ime ; n summertime nighttime ; a sublime ; v climb ; x in_time every_time one_more_time all_the_time ; s ime imb
      ind ; a blind kind ; v unwind rewind ; x behind ; s ind
      ide ; n tide countryside ; o riverside seaside ; a wide ; v hide ride glide slide collide ; x inside outside ; s ide
      ive ; a alive ; v drive arrive thrive survive dive ; x alive
      ire ; n fire ; o wire ; a higher ; v inspire ; x higher ; s ire yre
      ee ; n sea melody memory harmony ; o tree ; a free ; v flee ; x with_me endlessly finally ; s ee
      eem ; n dream stream moonbeam sunbeam steam ; v dream gleam ; s eam eem
      eet ; n heat heartbeat ; o street concrete ; a sweet complete ; v retreat ; x on_repeat ; s eet
      ain ; n rain hurricane ; o train lane windowpane ; a insane ; v remain reign ; x again ; s ain ane
      ame ; n flame ; a same ; s ame aim
      ace ; n space grace ; v race ; s ace
      ade ; n shade ; o parade arcade ; a afraid ; v fade ; s ade aid
      ow ; n glow snow shadow rainbow undertow afterglow ; o radio window meadow ; a slow low mellow ; v go grow glow flow ; x long_ago ; s ow o oe
      now ; x now somehow right_now
      ome ; n foam ; v roam ; x back_home ; s oam
      one ; o phone stone microphone ; a alone ; x alone on_my_own
      old ; n cold gold ; a bold cold ; v unfold ; s old
      ore ; n roar ; o shore door seashore dance_floor ocean_floor ; a sure ; v soar roar ; x forevermore ; s ore oor
      all ; n rainfall nightfall waterfall ; o wall hall ; a small ; v fall crawl ; x after_all through_it_all ; s all awl
      ar ; o boulevard bar car ; a far ; x from_afar ; s ar
      art ; a apart ; v start depart ; x apart from_the_start ; s art eart
      oo ; n blue dew ; o avenue ; a true new ; x with_you for_you ; s ue ew oo
      oon ; n moon afternoon monsoon noon ; o lagoon dune ; v swoon ; x soon ; s oon une
      un ; n sun ; a undone ; v run ; x on_the_run ; s un
      ove ; x above
      in ; v begin win spin ; s in
      ance ; n dance trance ; v dance ; s ance
      igh ; n sky ; a high shy ; v fly cry try die sigh ; x so_high passing_by ; s igh
      est ; n west ; a best ; v rest ; s est
      ess ; n wilderness ; s ess
      ear ; n atmosphere ; a clear near ; v disappear appear ; x here right_here this_year ; s eer
      air ; n air ; o square ; a bare rare aware ; x everywhere anywhere somewhere ; s air
      ost ; o coast ; v coast ; s oast
      oss ; n frost ; a lost ; x at_any_cost ; s oss ost
      and ; o sand land ; a grand ; v stand land ; x hand_in_hand ; s and
      ack ; o track railroad_track ; x looking_back ; s ack
      ed ; o bed ; x ahead in_my_head
      ong ; n song ; a strong ; v belong ; x all_along so_long along ; s ong
      ing ; n spring ; o swing ; v sing swing
      ound ; n sound underground ; o ground playground ; x around all_around safe_and_sound ; s ound
      own ; n sundown ; o town ; v drown ; x down upside_down
      ave ; n wave ; a brave ; s ave
      eel ; o wheel ; a real ; v heal ; x for_real ; s eel
      en ; x again now_and_then
      ust ; n dust stardust ; s ust
      each ; o beach ; x out_of_reach within_reach ; s each
      oat ; o boat ; v float ; x afloat ; s oat ote
      eep ; n deep ; a deep ; v sleep weep leap ; x in_my_sleep ; s eep eap
      ell ; o hotel carousel ; v dwell swell ; s ell
      ate ; o gate ; a late great ; v wait celebrate ; x too_late ; s ate ait
      orm ; n storm ; a warm ; s orm
      iss ; n bliss abyss ; x like_this ; s iss
      ill ; o hill windowsill ; a still ; v spill ; x still ; s ill
      oke ; n smoke ; s oke
      eak ; o creek peak ; a weak ; s eak eek
      ake ; n wake ; o lake ; a awake ; v break shake wake ; x awake ; s ake
      ush ; n rush hush ; s ush
      eeze ; n breeze ; o trees ; v freeze ; x with_ease ; s eeze
      ose ; a close ; x who_knows ; s ose
      urn ; v burn turn yearn return ; s urn
      ole ; a whole ; v roll ; x out_of_control ; s ole
      ise ; n sunrise skies ; a wise ; v rise arise ; x in_disguise
      ice ; n ice ; x twice
      ever ; n weather ; o river ; x forever together ; s ever ether
      otion ; n ocean ; x in_slow_motion ; s otion
      ower ; n shower ; o tower ; s ower
      ation ; o station ; s ation
      ark ; n dark ; o park ; x in_the_dark ; s ark
      ock ; v rock ; x around_the_clock ; s ock
      oud ; n crowd clouds ; a proud ; x out_loud ; s oud owd
      out ; x inside_out ; s out
      awn ; n dawn neon ; o lawn ; a gone ; x on_and_on until_dawn ; s awn
      ink ; o brink ; v blink sink ; s ink
      arm ; x arm_in_arm ; s arm
      op ; o rooftop ; x non-stop ; s op
      """;

  /** Spellings that end like a family but do not sound like it. */
  private static final Set<String> FALSE_FRIENDS =
      Set.of(
          "do",
          "to",
          "who",
          "two",
          "into",
          "onto",
          "undo",
          "lose",
          "whose",
          "are",
          "war",
          "said",
          "says",
          "again",
          "been",
          "come",
          "some",
          "done",
          "gone",
          "none",
          "one",
          "love",
          "move",
          "prove",
          "above",
          "give",
          "live",
          "have",
          "great",
          "eye",
          "bye",
          "mountain",
          "captain",
          "certain",
          "curtain",
          "fountain",
          "villain",
          "bargain",
          "women",
          "broken",
          "golden",
          "children",
          "heaven",
          "seven",
          "garden",
          "open",
          "listen",
          "kitchen",
          "chicken",
          "often",
          "cousin",
          "basin",
          "robin",
          "cabin",
          "promise",
          "justice",
          "notice",
          "office",
          "police",
          "service",
          "practice",
          "ocean",
          "poor",
          "heart",
          "hearth",
          "bread",
          "dead",
          "head",
          "how",
          "cow",
          "wow",
          "allow",
          "brow",
          "engine",
          "imagine",
          "machine",
          "routine",
          "magazine",
          "gasoline",
          "medicine",
          "discipline",
          "genuine",
          "determine",
          "fever",
          "most",
          "post",
          "host",
          "almost",
          "utmost",
          "palace",
          "necklace",
          "surface",
          "menace",
          "solace",
          "wind",
          "favorite",
          "opposite",
          "shall",
          "sugar",
          "dollar",
          "collar",
          "cellar",
          "popular",
          "regular",
          "similar",
          "calendar",
          "grammar",
          "vinegar",
          "cedar",
          "push",
          "bush",
          "purpose",
          "worm",
          "word",
          "world",
          "sword");

  private static final List<Family> FAMILIES = parse();
  private static final Map<String, List<Family>> BY_WORD = index(FAMILIES);
  private static final List<Map.Entry<String, Family>> BY_SUFFIX = suffixes(FAMILIES);
  private static final Map<String, List<Family>> FAMILIES_OF_WORD = new ConcurrentHashMap<>();

  private RhymeBank() {}

  static List<Family> families() {
    return FAMILIES;
  }

  /**
   * Families a line ending on {@code word} rhymes in: listed words first, then spelling suffixes.
   * Empty when nothing safe is known ("Biscuit").
   */
  static List<Family> familiesOf(String word) {
    String w = lastWord(word);
    if (w.isEmpty()) {
      return List.of();
    }
    // the songwriter asks this of every candidate line it weighs, mostly of the same few hundred
    // words; the suffix scan was most of a lyrics task's CPU (bounded: cleared past 50,000 words)
    List<Family> known = FAMILIES_OF_WORD.get(w);
    if (known != null) {
      return known;
    }
    if (FAMILIES_OF_WORD.size() > 50_000) {
      FAMILIES_OF_WORD.clear();
    }
    List<Family> found = lookUp(w);
    FAMILIES_OF_WORD.put(w, found);
    return found;
  }

  private static List<Family> lookUp(String w) {
    List<Family> listed = BY_WORD.get(w);
    if (listed != null) {
      return listed;
    }
    for (String singular : singulars(w)) {
      listed = BY_WORD.get(singular);
      if (listed != null) {
        return listed;
      }
    }
    if (FALSE_FRIENDS.contains(w) || w.length() < 3) {
      return List.of();
    }
    for (String form : forms(w)) {
      for (Map.Entry<String, Family> e : BY_SUFFIX) {
        if (form.endsWith(e.getKey()) && form.length() > e.getKey().length()) {
          return List.of(e.getValue());
        }
      }
    }
    return List.of();
  }

  /**
   * The last word of a phrase, lower case, letters and apostrophes only. A plain scan, not a
   * regular expression: the songwriter asks this of every candidate line it weighs, and the
   * regular expressions were most of a lyrics task's CPU time.
   */
  static String lastWord(String phrase) {
    String s = phrase.strip();
    int end = s.length();
    while (end > 0 && isWordBreak(s.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0 && !isWordBreak(s.charAt(start - 1))) {
      start--;
    }
    String word = s.substring(start, end).toLowerCase(Locale.ROOT).replace('’', '\'');
    int from = 0;
    int to = word.length();
    while (from < to && !isWordChar(word.codePointAt(from))) {
      from += Character.charCount(word.codePointAt(from));
    }
    while (to > from && !isWordChar(word.codePointBefore(to))) {
      to -= Character.charCount(word.codePointBefore(to));
    }
    return word.substring(from, to);
  }

  /** What separates words: the regular expression class {@code [\s_]}. */
  private static boolean isWordBreak(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '_';
  }

  private static boolean isWordChar(int codePoint) {
    return codePoint == '\'' || Character.isLetter(codePoint);
  }

  private static List<String> forms(String w) {
    List<String> f = new ArrayList<>();
    f.add(w);
    f.addAll(singulars(w));
    return f;
  }

  private static List<String> singulars(String w) {
    List<String> s = new ArrayList<>();
    if (w.endsWith("ies") && w.length() > 4) {
      s.add(w.substring(0, w.length() - 3) + "y");
    }
    if (w.endsWith("es") && w.length() > 3) {
      s.add(w.substring(0, w.length() - 2));
    }
    if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
      s.add(w.substring(0, w.length() - 1));
    }
    if (w.endsWith("'s")) {
      s.add(w.substring(0, w.length() - 2));
    }
    return s;
  }

  private static List<Family> parse() {
    List<Family> out = new ArrayList<>();
    for (String row : TABLE.strip().split("\n")) {
      String[] cells = row.split(";");
      String key = cells[0].strip();
      Map<Slot, List<String>> words = new java.util.EnumMap<>(Slot.class);
      List<String> suffixes = List.of();
      for (int i = 1; i < cells.length; i++) {
        String[] tokens = cells[i].strip().split(" +");
        List<String> values = Arrays.stream(tokens).skip(1).map(t -> t.replace('_', ' ')).toList();
        switch (tokens[0]) {
          case "n" -> words.put(Slot.N, values);
          case "o" -> words.put(Slot.O, values);
          case "a" -> words.put(Slot.A, values);
          case "v" -> words.put(Slot.V, values);
          case "x" -> words.put(Slot.X, values);
          case "s" -> suffixes = values;
          default -> throw new IllegalStateException("bad rhyme table cell: " + cells[i]);
        }
      }
      out.add(new Family(key, Map.copyOf(words), suffixes));
    }
    if (out.stream().map(Family::key).distinct().count() != out.size()) {
      throw new IllegalStateException("rhyme table keys must be unique");
    }
    return List.copyOf(out);
  }

  private static Map<String, List<Family>> index(List<Family> families) {
    Map<String, List<Family>> byWord = new HashMap<>();
    for (Family f : families) {
      for (List<String> ws : f.words().values()) {
        for (String w : ws) {
          List<Family> list = byWord.computeIfAbsent(lastWord(w), k -> new ArrayList<>());
          if (!list.contains(f)) {
            list.add(f);
          }
        }
      }
    }
    // Families keep table order per word, so lookups never depend on hash order.
    byWord.replaceAll(
        (k, v) -> v.stream().sorted(Comparator.comparingInt(families::indexOf)).toList());
    return Map.copyOf(byWord);
  }

  private static List<Map.Entry<String, Family>> suffixes(List<Family> families) {
    List<Map.Entry<String, Family>> out = new ArrayList<>();
    for (Family f : families) {
      f.suffixes().forEach(s -> out.add(Map.entry(s, f)));
    }
    // Longest suffix first so "ain" wins over "in"; ties keep table order (stable sort).
    out.sort(Comparator.comparingInt((Map.Entry<String, Family> e) -> -e.getKey().length()));
    return List.copyOf(out);
  }
}
