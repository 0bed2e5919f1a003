package io.backbeat.engine.lyrics;

import io.backbeat.engine.lyrics.LineBank.Role;
import io.backbeat.engine.lyrics.LineBank.Template;
import io.backbeat.engine.prompt.Noun;
import io.backbeat.engine.prompt.Place;
import io.backbeat.engine.prompt.PromptReading;
import io.backbeat.engine.prompt.Theme;
import io.backbeat.engine.lyrics.RhymeBank.Family;
import io.backbeat.engine.lyrics.RhymeBank.Slot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Writes one lyric variant. Holds the per-song state that keeps a song from repeating itself: used
 * templates, used line endings and how often each prompt word was sung (the least used one is
 * picked next, so every part of the subject gets its turn).
 *
 * <p>Only lists drive choices; the hash sets and maps here are used for membership and counts,
 * never iterated, so output depends on the seed alone.
 */
final class Songwriter {
  /** Song forms: I intro (instrumental), V verse, P pre-chorus, C chorus, B bridge, O outro. */
  static final List<String> FORMS =
      List.of("VPCVCBCO", "VPCVPCBCO", "IVCVCBCO", "IVPCVPCBCO", "VCVCBCO", "VPCVCBCCO");

  private static final int MAX_ATTEMPTS = 48;

  private final PromptReading subject;
  private final RandomGenerator rng;
  private final char mood;
  private final List<Weighted> imagery = new ArrayList<>();
  private final List<Weighted> adjectives = new ArrayList<>();
  private final List<Weighted> verbs = new ArrayList<>();
  private final Set<String> promptWords = new HashSet<>();
  private final Set<String> imageryWords = new HashSet<>();
  private final Map<Family, Double> familyWeight = new HashMap<>();

  private final Set<String> usedEnds = new HashSet<>();
  private final Set<String> usedLines = new HashSet<>();
  private final Set<Template> usedTemplates = new HashSet<>();
  private final Set<Family> usedFamilies = new HashSet<>();
  private final Map<String, Integer> uses = new HashMap<>();
  /** The uses counted by the line attempt under way (see {@link #use}). */
  private final List<String> journal = new ArrayList<>();
  private final Map<Role, List<Template>> candidatesByRole = new java.util.EnumMap<>(Role.class);

  private record Weighted(String value, double weight) {}

  private enum Number {
    ANY,
    SINGULAR,
    PLURAL
  }

  /** A written line and the rhyme family its last word belongs to (null when none). */
  private record Line(String text, Family family) {}

  Songwriter(PromptReading subject, RandomGenerator rng) {
    this.subject = subject;
    this.rng = rng;
    // LineBank's tags: + bright, - wistful, * either.
    this.mood = switch (subject.valence()) {
      case POSITIVE -> '+';
      case NEGATIVE -> '-';
      case NEUTRAL -> '*';
    };
    collectWords();
    weighFamilies();
  }

  // ---- the song ---------------------------------------------------------------------------

  Lyrics write(String title, String form) {
    String hookPhrase = hook(plainTitle(title));
    List<String> chorus = chorus(hookPhrase);
    List<String> pre =
        form.indexOf('P') >= 0 ? group(Role.PRE, rng.nextInt(3) == 0 ? "AABB" : "AA") : List.of();
    List<String> verse1 = group(Role.VERSE, pick(List.of("AABB", "ABAB", "XAXA", "AABB")));
    List<String> verse2 = group(Role.VERSE, pick(List.of("AABB", "ABAB", "XAXA", "ABAB")));
    List<String> bridge = group(Role.BRIDGE, pick(List.of("AABB", "ABAB", "AA")));
    List<String> outro = outro(hookPhrase);

    StringBuilder text = new StringBuilder();
    int verses = 0;
    for (char part : form.toCharArray()) {
      switch (part) {
        case 'I' -> section(text, "Intro", List.of());
        case 'V' -> section(text, "Verse", verses++ == 0 ? verse1 : verse2);
        case 'P' -> section(text, "Pre-Chorus", pre);
        case 'C' -> section(text, "Chorus", chorus);
        case 'B' -> section(text, "Bridge", bridge);
        case 'O' -> section(text, "Outro", outro);
        default -> throw new IllegalStateException("unknown form part " + part);
      }
    }
    return new Lyrics(title, text.toString().strip() + "\n");
  }

  private static void section(StringBuilder text, String tag, List<String> lines) {
    if (!text.isEmpty()) {
      text.append('\n');
    }
    text.append('[').append(tag).append("]\n");
    lines.forEach(l -> text.append(l).append('\n'));
  }

  /** The hook: the title, padded with a rhyming tag when the title's last word rhymes nothing. */
  private String hook(String title) {
    int syllables = Syllables.count(title);
    List<String> tails =
        switch (mood) {
          case '+' -> List.of("tonight", "we're alive", "all night long", "come on");
          case '-' -> List.of("don't let go", "come back home", "I'm still here", "one more time");
          default -> List.of("take me home", "tonight", "hold on", "don't let go");
        };
    String tail = pick(tails);
    boolean tailFits = syllables + Syllables.count(tail) <= 10;
    List<String> options = new ArrayList<>();
    if (!RhymeBank.familiesOf(title).isEmpty()) {
      if (syllables >= 5) {
        options.add(title);
        options.add(title);
      }
      if (syllables >= 4 && syllables <= 6) {
        options.add("oh, " + title);
      }
      if (syllables <= 3) {
        options.add(title + ", " + title);
      }
      if (syllables <= 5 && tailFits) {
        options.add(title + ", " + tail);
      }
      if (options.isEmpty()) {
        options.add(title);
      }
    } else {
      options.add(tailFits ? title + ", " + tail : title);
    }
    return pick(options);
  }

  private List<String> chorus(String hook) {
    String hookLine = Words.finish(hook);
    usedEnds.add(RhymeBank.lastWord(hook));
    List<Family> hookFamilies = RhymeBank.familiesOf(hook);
    Family f = hookFamilies.isEmpty() ? null : hookFamilies.getFirst();
    if (f != null) {
      usedFamilies.add(f);
    }
    boolean rich = f != null && available(f) >= 3;
    String pattern =
        rich
            ? pick(List.of("HAAH", "HABB", "HAHA", "AHAH", "HAAH"))
            : pick(List.of("HAHA", "AHAH"));
    List<String> lines = new ArrayList<>();
    switch (pattern) {
      case "HAAH" -> {
        lines.add(hookLine);
        lines.addAll(rhymed(Role.CHORUS, f, 2, new boolean[] {true, false}));
        lines.add(hookLine);
      }
      case "HABB" -> {
        lines.add(hookLine);
        lines.addAll(rhymed(Role.CHORUS, f, 1, new boolean[] {true}));
        lines.addAll(group(Role.CHORUS, "AA"));
      }
      case "AHAH" -> {
        List<String> g = group(Role.CHORUS, "AA");
        lines.add(g.get(0));
        lines.add(hookLine);
        lines.add(g.get(1));
        lines.add(hookLine);
      }
      default -> {
        List<String> g = group(Role.CHORUS, "AA");
        lines.add(hookLine);
        lines.add(g.get(0));
        lines.add(hookLine);
        lines.add(g.get(1));
      }
    }
    return lines;
  }

  private List<String> outro(String hook) {
    List<String> lines = new ArrayList<>();
    String hookLine = Words.finish(hook);
    List<Family> fs = RhymeBank.familiesOf(hook);
    Family f = fs.isEmpty() ? null : fs.getFirst();
    Line last = line(Role.OUTRO, f, Set.of(), false, 3, 10);
    if (last == null) {
      last = line(Role.OUTRO, null, Set.of(), false, 3, 10);
    }
    lines.add(hookLine);
    if (last != null) {
      lines.add(last.text());
    }
    if (rng.nextBoolean()) {
      lines.add("(" + hook + ")");
    }
    return lines;
  }

  // ---- blocks of lines --------------------------------------------------------------------

  /**
   * Lines for a rhyme scheme such as "AABB", "ABAB" or "XAXA" (X rhymes with nothing). Two of four
   * lines, chosen at random, lean on the prompt's own words.
   */
  private List<String> group(Role role, String scheme) {
    int n = scheme.length();
    boolean[] wantPrompt = new boolean[n];
    int want = Math.max(1, n / 2);
    while (want > 0) {
      int i = rng.nextInt(n);
      if (!wantPrompt[i]) {
        wantPrompt[i] = true;
        want--;
      }
    }
    String[] out = new String[n];
    for (char letter : new char[] {'A', 'B', 'X'}) {
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (scheme.charAt(i) == letter) {
          at.add(i);
        }
      }
      if (at.isEmpty()) {
        continue;
      }
      boolean[] wants = new boolean[at.size()];
      for (int k = 0; k < at.size(); k++) {
        wants[k] = wantPrompt[at.get(k)];
      }
      List<String> lines = letter == 'X' ? free(role, wants) : rhymed(role, null, at.size(), wants);
      for (int k = 0; k < at.size(); k++) {
        out[at.get(k)] = lines.get(k);
      }
    }
    return List.of(out);
  }

  private List<String> free(Role role, boolean[] wants) {
    List<String> lines = new ArrayList<>();
    for (boolean want : wants) {
      lines.add(orFallback(line(role, null, Set.of(), want, min(role), max(role)), role));
    }
    return lines;
  }

  /**
   * {@code count} lines rhyming together. With no family given, either the first line leads (its
   * ending picks the family, which lets prompt words like "Tokyo" end a line) or a family is drawn
   * first, weighted towards the prompt's and the theme's words.
   */
  private List<String> rhymed(Role role, Family family, int count, boolean[] wants) {
    List<String> lines = new ArrayList<>();
    Set<String> blockEnds = new HashSet<>();
    Family f = family;
    int start = 0;
    if (f == null && count > 1 && rng.nextDouble() < 0.45) {
      Line lead = leadLine(role, count - 1, wants[0]);
      if (lead != null) {
        lines.add(lead.text());
        blockEnds.add(RhymeBank.lastWord(lead.text()));
        f = lead.family();
        start = 1;
      }
    }
    if (f == null) {
      f = drawFamily(count);
    }
    if (f != null) {
      usedFamilies.add(f);
    }
    for (int k = start; k < count; k++) {
      Line l = f == null ? null : line(role, f, blockEnds, wants[k], min(role), max(role));
      if (l == null) {
        l = line(role, null, blockEnds, wants[k], min(role), max(role));
      }
      String text = orFallback(l, role);
      blockEnds.add(RhymeBank.lastWord(text));
      lines.add(text);
    }
    return lines;
  }

  /** A first line whose ending belongs to a family with room for {@code partners} more. */
  private Line leadLine(Role role, int partners, boolean wantPrompt) {
    for (int attempt = 0; attempt < 6; attempt++) {
      Line l = line(role, null, Set.of(), wantPrompt, min(role), max(role));
      if (l != null && l.family() != null && available(l.family()) >= partners + 1) {
        return l;
      }
    }
    return null;
  }

  private String orFallback(Line line, Role role) {
    if (line != null) {
      return line.text();
    }
    // Only reached when every template was used up; a plain line keeps the form intact.
    String img = pickWeighted(imagery);
    return Words.finish(
        role == Role.CHORUS ? "we sing it for the " + img : "and I think about the " + img);
  }

  private static int min(Role role) {
    return switch (role) {
      case CHORUS, PRE, OUTRO -> 4;
      default -> 5;
    };
  }

  private static int max(Role role) {
    return role == Role.PRE ? 10 : 11;
  }

  // ---- single lines -----------------------------------------------------------------------

  /**
   * One line for the role. With a target family the line must end on an unused word of it; without
   * one it may end anywhere. Returns null when nothing fits.
   */
  private Line line(
      Role role, Family target, Set<String> blockEnds, boolean wantPrompt, int min, int max) {
    List<Template> pool = new ArrayList<>();
    for (Template t : candidates(role)) {
      if (!usedTemplates.contains(t) && (target == null || endsIn(t, target, blockEnds))) {
        pool.add(t);
      }
    }
    if (pool.isEmpty()) {
      return null;
    }
    boolean promptAvailable = !subject.hasNoSubject() || !subject.adjectives().isEmpty();
    Set<String> pending = pendingSlots();
    // Every attempt below starts from the same uses (each one is undone), so the weights are
    // worked out once per line rather than twice per template per attempt.
    double[] weights = new double[pool.size()];
    for (int i = 0; i < weights.length; i++) {
      Template t = pool.get(i);
      double w = 1;
      if (promptAvailable) {
        w = t.usesPrompt() == wantPrompt ? 4 : 0.5;
        if (wantPrompt && t.slots().stream().anyMatch(pending::contains)) {
          w *= 5; // a key part of the subject has not been sung yet
        }
        if (t.usesPrompt() && worn(t)) {
          w *= 0.35; // "Tokyo" in every line stops sounding like a song
        }
      }
      weights[i] = w;
    }
    double total = 0;
    for (double w : weights) {
      total += Math.max(0, w);
    }
    Line best = null;
    int bestDistance = Integer.MAX_VALUE;
    Template bestTemplate = null;
    List<String> bestUses = List.of();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Template t = pool.get(pickIndex(weights, total));
      journal.clear();
      String text = fill(t, target, blockEnds);
      if (text == null || usedLines.contains(text.toLowerCase(Locale.ROOT))) {
        undoUses();
        continue;
      }
      String end = RhymeBank.lastWord(text);
      List<Family> families = RhymeBank.familiesOf(end);
      if (target != null && !families.contains(target)) {
        undoUses();
        continue;
      }
      if (usedEnds.contains(end) || blockEnds.contains(end)) {
        undoUses();
        continue;
      }
      int syllables = Syllables.count(text);
      int distance = syllables < min ? min - syllables : Math.max(0, syllables - max);
      Family family = target != null ? target : families.isEmpty() ? null : families.getFirst();
      if (distance < bestDistance) {
        best = new Line(text, family);
        bestDistance = distance;
        bestTemplate = t;
        bestUses = new ArrayList<>(journal);
      }
      undoUses();
      if (distance == 0) {
        break;
      }
    }
    if (best == null) {
      return null;
    }
    for (String key : bestUses) {
      uses.merge(key, 1, Integer::sum); // the kept line's words count as sung
    }
    usedTemplates.add(bestTemplate);
    usedLines.add(best.text().toLowerCase(Locale.ROOT));
    usedEnds.add(RhymeBank.lastWord(best.text()));
    return best;
  }

  /** Templates of the role that suit the mood and whose prompt slots this subject can fill. */
  private List<Template> candidates(Role role) {
    return candidatesByRole.computeIfAbsent(
        role,
        r -> {
          List<Template> out = new ArrayList<>();
          for (Template t : LineBank.templates()) {
            if (t.fits(r, mood) && fillable(t)) {
              out.add(t);
            }
          }
          return List.copyOf(out);
        });
  }

  /** Counts one more use of a word (lower case), remembered so that an attempt can be undone. */
  private void use(String key) {
    uses.merge(key, 1, Integer::sum);
    journal.add(key);
  }

  /** Takes back the uses counted since the attempt began. */
  private void undoUses() {
    for (int i = journal.size() - 1; i >= 0; i--) {
      uses.computeIfPresent(journal.get(i), (k, v) -> v == 1 ? null : v - 1);
    }
    journal.clear();
  }

  /** True when every prompt slot of the template would repeat a word sung three times already. */
  private boolean worn(Template t) {
    for (String slot : t.slots()) {
      List<String> items =
          switch (slot) {
            case "name" -> subject.names();
            case "place", "inplace", "city" ->
                subject.places().stream().map(Place::render).toList();
            case "thing", "sthing" -> subject.subjects().stream().map(Noun::render).toList();
            case "bare" -> subject.subjects().stream().map(Noun::word).toList();
            case "act" -> subject.actions();
            case "adj" -> subject.adjectives();
            case "phrase" -> subject.phrases().stream().map(Songwriter::withArticle).toList();
            default -> null;
          };
      if (items != null
          && items.stream().anyMatch(i -> uses.getOrDefault(i.toLowerCase(Locale.ROOT), 0) < 3)) {
        return false;
      }
    }
    return true;
  }

  /** Slots whose key prompt item (see {@link #keyItems}) has not been used yet. */
  private Set<String> pendingSlots() {
    Set<String> pending = new HashSet<>();
    for (Map.Entry<String, String> item : keyItems(subject)) {
      if (uses.getOrDefault(item.getValue().toLowerCase(Locale.ROOT), 0) == 0) {
        pending.add(item.getKey());
        if (item.getKey().equals("thing")) {
          pending.add("sthing");
        }
        if (item.getKey().equals("place")) {
          pending.add("inplace");
          pending.add("city");
        }
      }
    }
    return pending;
  }

  /**
   * The parts of the subject every variant must sing, as (slot, rendered value): the names, the
   * first place and the first of phrase, action or noun.
   */
  static List<Map.Entry<String, String>> keyItems(PromptReading s) {
    List<Map.Entry<String, String>> items = new ArrayList<>();
    s.names().forEach(n -> items.add(Map.entry("name", n)));
    if (!s.places().isEmpty()) {
      items.add(Map.entry("place", s.places().getFirst().render()));
    }
    if (!s.phrases().isEmpty()) {
      items.add(Map.entry("phrase", withArticle(s.phrases().getFirst())));
    } else if (!s.actions().isEmpty()) {
      items.add(Map.entry("act", s.actions().getFirst()));
    } else if (!s.subjects().isEmpty()) {
      Noun n = s.subjects().getFirst();
      items.add(
          Map.entry(
              n.determiner().isEmpty() ? "bare" : "thing",
              n.determiner().isEmpty() ? n.word() : n.render()));
    }
    return items;
  }

  /** Whether the text mentions every key item's head word (case-insensitive). */
  static boolean covers(PromptReading s, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> item : keyItems(s)) {
      String head = RhymeBank.lastWord(item.getValue());
      if (!head.isEmpty() && !lower.contains(head)) {
        return false;
      }
    }
    return true;
  }

  private boolean fillable(Template t) {
    for (String slot : t.slots()) {
      boolean ok =
          switch (slot) {
            case "name" -> !subject.names().isEmpty();
            case "place", "inplace" -> !subject.places().isEmpty();
            case "city" -> subject.places().stream().anyMatch(Place::proper);
            case "thing" -> !subject.subjects().isEmpty();
            case "bare" -> subject.subjects().stream().anyMatch(n -> n.determiner().isEmpty());
            case "sthing" -> !singularThings().isEmpty();
            case "act" -> !subject.actions().isEmpty();
            case "adj" -> !subject.adjectives().isEmpty();
            case "phrase" -> !subject.phrases().isEmpty();
            default -> true;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether the template can end on an unused word of the family. */
  private boolean endsIn(Template t, Family target, Set<String> blockEnds) {
    if (t.end() != null) {
      return hasWord(target, t.end(), blockEnds);
    }
    String p = t.pattern();
    List<String> endings;
    if (p.endsWith("}")) {
      String slot = p.substring(p.lastIndexOf('{') + 1, p.length() - 1);
      endings =
          switch (slot) {
            case "name" -> subject.names();
            case "place", "city" -> subject.places().stream().map(Place::render).toList();
            case "inplace" -> subject.places().stream().map(Place::renderIn).toList();
            case "thing", "sthing" -> subject.subjects().stream().map(Noun::render).toList();
            case "act" -> subject.actions();
            case "phrase" -> subject.phrases();
            case "adj" -> subject.adjectives();
            default -> List.of("?"); // theme words: decided when filled
          };
    } else {
      endings = List.of(p);
    }
    for (String e : endings) {
      String last = RhymeBank.lastWord(e);
      if (e.equals("?")
          || (RhymeBank.familiesOf(last).contains(target)
              && !usedEnds.contains(last)
              && !blockEnds.contains(last))) {
        return true;
      }
    }
    return false;
  }

  private boolean hasWord(Family f, Slot slot, Set<String> blockEnds) {
    for (String last : f.ends(slot)) {
      if (!usedEnds.contains(last) && !blockEnds.contains(last)) {
        return true;
      }
    }
    return false;
  }

  /** Fills every slot of the template; null when the rhyme slot has nothing left. */
  private String fill(Template t, Family target, Set<String> blockEnds) {
    StringBuilder out = new StringBuilder();
    String p = t.pattern();
    Set<String> inLine = new HashSet<>();
    int i = 0;
    while (i < p.length()) {
      int open = p.indexOf('{', i);
      if (open < 0) {
        out.append(p, i, p.length());
        break;
      }
      out.append(p, i, open);
      int close = p.indexOf('}', open);
      String slot = p.substring(open + 1, close);
      String value = slotValue(slot, target, blockEnds, inLine);
      if (value == null) {
        return null;
      }
      inLine.add(value.toLowerCase(Locale.ROOT));
      out.append(value);
      i = close + 1;
    }
    return Words.finish(out.toString());
  }

  private String slotValue(String slot, Family target, Set<String> blockEnds, Set<String> inLine) {
    return switch (slot) {
      case "name" -> leastUsed(subject.names(), inLine);
      case "place" -> leastUsed(subject.places().stream().map(Place::render).toList(), inLine);
      case "inplace" -> placeIn(inLine);
      case "city" ->
          leastUsed(
              subject.places().stream().filter(Place::proper).map(Place::render).toList(), inLine);
      case "thing" -> leastUsed(subject.subjects().stream().map(Noun::render).toList(), inLine);
      case "sthing" -> leastUsed(singularThings(), inLine);
      case "act" -> leastUsed(subject.actions(), inLine);
      case "adj" -> leastUsed(subject.adjectives(), inLine);
      case "phrase" ->
          leastUsed(subject.phrases().stream().map(Songwriter::withArticle).toList(), inLine);
      case "img", "img2" -> fresh(imagery, inLine, Number.ANY);
      case "imgs" -> fresh(imagery, inLine, Number.SINGULAR);
      case "imgp" -> fresh(imagery, inLine, Number.PLURAL);
      case "bare" ->
          leastUsed(
              subject.subjects().stream()
                  .filter(n -> n.determiner().isEmpty())
                  .map(Noun::word)
                  .toList(),
              inLine);
      case "iadj" -> fresh(adjectives, inLine, Number.ANY);
      case "verb" -> fresh(verbs, inLine, Number.ANY);
      case "ving" -> Words.ing(fresh(verbs, inLine, Number.ANY));
      case "n" -> rhymeWord(target, Slot.N, blockEnds);
      case "o" -> rhymeWord(target, Slot.O, blockEnds);
      case "a" -> rhymeWord(target, Slot.A, blockEnds);
      case "v" -> rhymeWord(target, Slot.V, blockEnds);
      case "x" -> rhymeWord(target, Slot.X, blockEnds);
      default -> throw new IllegalStateException("unknown slot {" + slot + "}");
    };
  }

  /** Things a singular verb agrees with: "heartbreak is", "my dog was" (not "the waves"). */
  private List<String> singularThings() {
    return subject.subjects().stream()
        .filter(n -> n.determiner().isEmpty() || !Words.isPlural(n.word()))
        .map(Noun::render)
        .toList();
  }

  /** The least used place with its preposition; usage is counted on the place itself. */
  private String placeIn(Set<String> inLine) {
    String place = leastUsed(subject.places().stream().map(Place::render).toList(), inLine);
    for (Place p : subject.places()) {
      if (p.render().equals(place)) {
        return p.renderIn();
      }
    }
    return place;
  }

  /** An unused word of the family for the slot, preferring the prompt's and the theme's words. */
  private String rhymeWord(Family target, Slot slot, Set<String> blockEnds) {
    Family f = target;
    if (f == null) {
      List<Family> candidates = new ArrayList<>();
      for (Family c : RhymeBank.families()) {
        if (hasWord(c, slot, blockEnds)) {
          candidates.add(c);
        }
      }
      if (candidates.isEmpty()) {
        return null;
      }
      f =
          pickWeighted(
              candidates,
              c -> familyWeight.getOrDefault(c, 1.0) * (usedFamilies.contains(c) ? 0.3 : 1));
    }
    List<Weighted> words = new ArrayList<>();
    List<String> ws = f.words(slot);
    List<String> ends = f.ends(slot);
    for (int i = 0; i < ws.size(); i++) {
      String w = ws.get(i);
      String last = ends.get(i);
      if (usedEnds.contains(last) || blockEnds.contains(last)) {
        continue;
      }
      String own = slot == Slot.N || slot == Slot.O ? promptForm(w) : null;
      double weight = own != null ? 8 : imageryWords.contains(last) ? 2.5 : 1;
      words.add(new Weighted(own != null ? own : w, weight));
    }
    if (words.isEmpty()) {
      return null;
    }
    String word = pickWeighted(words);
    use(word.toLowerCase(Locale.ROOT));
    return word;
  }

  /** The prompt's own spelling of a rhyme word ("waves" for "wave"), or null. */
  private String promptForm(String word) {
    String last = RhymeBank.lastWord(word);
    if (!promptWords.contains(Words.singular(last))) {
      return null;
    }
    for (Noun n : subject.subjects()) {
      if (Words.singular(n.word().toLowerCase(Locale.ROOT)).equals(Words.singular(last))
          && !word.contains(" ")) {
        return n.word();
      }
    }
    return word;
  }

  // ---- word pools -------------------------------------------------------------------------

  private void collectWords() {
    List<Theme> ranked = new ArrayList<>(subject.rankedThemes());
    ranked.remove(Theme.GENERIC);
    if (ranked.size() > 3) {
      ranked = new ArrayList<>(ranked.subList(0, 3));
    }
    if (ranked.isEmpty()) {
      // Nothing recognisable: generic imagery with one colour chosen by the seed.
      ranked.add(
          pick(List.of(Theme.NIGHT, Theme.ROAD, Theme.SUMMER, Theme.HOPE, Theme.LOVE, Theme.CITY)));
    }
    double strength = 3;
    for (Theme theme : ranked) {
      addAll(imagery, ThemeImagery.of(theme).nouns(), strength);
      addAll(adjectives, ThemeImagery.of(theme).adjectives(), strength);
      addAll(verbs, ThemeImagery.of(theme).verbs(), strength);
      strength = Math.max(1.5, strength - 0.75);
    }
    addAll(imagery, ThemeImagery.of(Theme.GENERIC).nouns(), 0.6);
    addAll(adjectives, ThemeImagery.of(Theme.GENERIC).adjectives(), 0.6);
    addAll(verbs, ThemeImagery.of(Theme.GENERIC).verbs(), 0.6);
    // The prompt's own nouns are imagery too, and weigh the most.
    for (Noun n : subject.subjects()) {
      // "my sister" stays in {thing}; only nouns that read well after "the" become imagery.
      if (n.determiner().equals("the") && Character.isLowerCase(n.word().charAt(0))) {
        imagery.add(new Weighted(n.word(), 5));
      }
      promptWords.add(Words.singular(n.word().toLowerCase(Locale.ROOT)));
    }
    for (Place p : subject.places()) {
      if (!p.proper()) {
        imagery.add(new Weighted(p.word(), 4));
      }
      promptWords.add(Words.singular(p.word().toLowerCase(Locale.ROOT)));
    }
    for (String a : subject.adjectives()) {
      adjectives.add(new Weighted(a, 4));
      promptWords.add(a);
    }
    for (String g : subject.gerunds()) {
      verbs.add(new Weighted(Words.base(g), 2));
    }
    for (String phrase : subject.phrases()) {
      promptWords.add(Words.singular(RhymeBank.lastWord(phrase)));
    }
    for (String name : subject.names()) {
      promptWords.add(RhymeBank.lastWord(name));
    }
    for (Weighted w : imagery) {
      imageryWords.add(RhymeBank.lastWord(w.value()));
    }
    for (Weighted w : adjectives) {
      imageryWords.add(w.value());
    }
    for (Weighted w : verbs) {
      imageryWords.add(w.value());
    }
  }

  private static void addAll(List<Weighted> pool, List<String> words, double weight) {
    for (String w : words) {
      pool.add(new Weighted(w, weight));
    }
  }

  private void weighFamilies() {
    for (Family f : RhymeBank.families()) {
      double w = 1;
      for (Slot slot : Slot.values()) {
        for (String last : f.ends(slot)) {
          if (promptWords.contains(Words.singular(last))) {
            w += 5;
          } else if (imageryWords.contains(last)) {
            w += 1.5;
          }
        }
      }
      familyWeight.put(f, w);
    }
  }

  /** Words of the family not yet used as line endings. */
  private int available(Family f) {
    int n = 0;
    for (String end : f.allEnds()) {
      if (!usedEnds.contains(end)) {
        n++;
      }
    }
    return n;
  }

  private Family drawFamily(int count) {
    List<Family> candidates = new ArrayList<>();
    for (Family f : RhymeBank.families()) {
      if (available(f) >= count + 2) {
        candidates.add(f);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    return pickWeighted(
        candidates, f -> familyWeight.getOrDefault(f, 1.0) * (usedFamilies.contains(f) ? 0.25 : 1));
  }

  /** The prompt item sung least so far; ties go to the earlier (more important) one. */
  private String leastUsed(List<String> items, Set<String> inLine) {
    String best = null;
    int bestUses = Integer.MAX_VALUE;
    for (String item : items) {
      int u = uses.getOrDefault(item.toLowerCase(Locale.ROOT), 0);
      if (inLine.contains(item.toLowerCase(Locale.ROOT))) {
        u += 100;
      }
      if (u < bestUses || (u == bestUses && rng.nextInt(4) == 0)) {
        best = item;
        bestUses = u;
      }
    }
    if (best != null) {
      use(best.toLowerCase(Locale.ROOT));
    }
    return best;
  }

  /** A weighted pick that avoids words already in the line and words sung often. */
  private String fresh(List<Weighted> pool, Set<String> inLine, Number number) {
    List<Weighted> options = new ArrayList<>();
    for (Weighted w : pool) {
      String key = w.value().toLowerCase(Locale.ROOT);
      boolean plural = Words.isPlural(key);
      if (inLine.contains(key)
          || (number == Number.SINGULAR && plural)
          || (number == Number.PLURAL && !plural)) {
        continue;
      }
      options.add(new Weighted(w.value(), w.weight() / (1 + 2 * uses.getOrDefault(key, 0))));
    }
    if (options.isEmpty()) {
      return switch (number) {
        case SINGULAR -> "light";
        case PLURAL -> "stars";
        case ANY -> pickWeighted(pool);
      };
    }
    String chosen = pickWeighted(options);
    use(chosen.toLowerCase(Locale.ROOT));
    return chosen;
  }

  // ---- text helpers -----------------------------------------------------------------------

  private static String withArticle(String phrase) {
    String first = phrase.split(" ")[0];
    return first.endsWith("'s") ? phrase : "the " + phrase;
  }

  /** The title as sung: title case undone except for proper nouns. */
  private String plainTitle(String title) {
    StringBuilder out = new StringBuilder();
    for (String word : title.split(" ")) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(isProper(word) ? word : word.toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  private boolean isProper(String word) {
    String w = word.replaceAll("[^\\p{L}'-]", "");
    for (String n : subject.names()) {
      if (List.of(n.split(" ")).contains(w)) {
        return true;
      }
    }
    for (Place p : subject.places()) {
      if (p.proper() && List.of(p.word().split(" ")).contains(w)) {
        return true;
      }
    }
    for (Noun n : subject.subjects()) {
      if (n.word().equals(w) && Character.isUpperCase(w.charAt(0))) {
        return true;
      }
    }
    return w.equals("I") || w.startsWith("I'");
  }

  // ---- randomness -------------------------------------------------------------------------

  /** {@link #pickWeighted(List, ToDoubleFunction)} over weights worked out beforehand. */
  private int pickIndex(double[] weights, double total) {
    if (total <= 0) {
      return rng.nextInt(weights.length);
    }
    double r = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= Math.max(0, weights[i]);
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private <T> T pick(List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  private String pickWeighted(List<Weighted> items) {
    return pickWeighted(items, Weighted::weight).value();
  }

  private <T> T pickWeighted(List<T> items, ToDoubleFunction<T> weight) {
    double total = 0;
    for (T t : items) {
      total += Math.max(0, weight.applyAsDouble(t));
    }
    if (total <= 0) {
      return pick(items);
    }
    double r = rng.nextDouble() * total;
    for (T t : items) {
      r -= Math.max(0, weight.applyAsDouble(t));
      if (r < 0) {
        return t;
      }
    }
    return items.getLast();
  }
}
