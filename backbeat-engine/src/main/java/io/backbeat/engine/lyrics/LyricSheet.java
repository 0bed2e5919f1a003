package io.backbeat.engine.lyrics;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lyrics split into sections, the form the composer builds a song on.
 *
 * <p>{@link #parse(String)} reads the tag styles people actually paste: {@code [Verse]}, {@code
 * [Verse 1]}, {@code [Chorus x2]}, {@code (Chorus)}, {@code Verse 2:}, {@code **Bridge**}, any
 * case. Repeat markers are expanded into repeated sections; a chorus tag with no lines repeats the
 * previous chorus. Untagged text gets verse/chorus form: blocks separated by blank lines (or 4-line
 * chunks), where a block that occurs twice is a chorus and otherwise verse and chorus alternate.
 */
public record LyricSheet(List<Section> sections) {
  private static final int MAX_REPEAT = 8;
  // Tags are short; longer lines are lyrics, which also bounds the regex work per line.
  private static final int MAX_TAG_LINE = 120;

  private static final Pattern BRACKETED = Pattern.compile("^[\\[{]([^\\]}]{0,80})[\\]}]\\s*(.*)$");
  private static final Pattern PARENTHESISED = Pattern.compile("^\\(([^()]{1,80})\\)$");
  private static final Pattern COLON = Pattern.compile("^([^:]{1,40}):\\s*(.*)$");
  private static final Pattern REPEAT =
      Pattern.compile(
          "\\(?\\s*(?:(?<!\\p{L})[x×*]\\s*(\\d{1,2})|(\\d{1,2})\\s*[x×])\\s*\\)?(?=\\W|$)");
  private static final Pattern REPEAT_WORD = Pattern.compile("\\(?\\brepeat(?:s|ed)?\\b\\)?");
  private static final Pattern NUMBER = Pattern.compile("\\s*#?\\d{1,2}\\s*");

  /** Keyword → type, in matching order: "pre-chorus" must win over "chorus". */
  private static final Map<Pattern, SectionType> KEYWORDS = keywords();

  public LyricSheet {
    sections = List.copyOf(requireNonNull(sections, "sections is null"));
  }

  /** Parses any text into sections; never throws, {@code null} or blank text gives no sections. */
  public static LyricSheet parse(String text) {
    if (text == null || text.isBlank()) {
      return new LyricSheet(List.of());
    }
    try {
      return new LyricSheet(new Parser().parse(text));
    } catch (RuntimeException | StackOverflowError e) {
      // Defensive only: a lyric sheet must never fail a render, so degrade to plain verses.
      return new LyricSheet(fallback(text));
    }
  }

  /** All sung lines in order, repeats included. */
  public List<String> lines() {
    List<String> all = new ArrayList<>();
    sections.forEach(s -> all.addAll(s.lines()));
    return List.copyOf(all);
  }

  public boolean isEmpty() {
    return sections.isEmpty();
  }

  /** Renders the sheet back to tagged text ({@code [Label]} lines, blank lines between). */
  public String toText() {
    StringBuilder out = new StringBuilder();
    for (Section s : sections) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append('[').append(s.label()).append("]\n");
      s.lines().forEach(l -> out.append(l).append('\n'));
    }
    return out.toString();
  }

  private record Tag(SectionType type, String label, int repeat, String rest) {}

  /** A run of lines, started by a tag or by a blank line. */
  private static final class Block {
    final Tag tag;
    final List<String> lines = new ArrayList<>();

    Block(Tag tag) {
      this.tag = tag;
    }
  }

  private static final class Parser {
    List<Section> parse(String text) {
      List<Block> blocks = blocks(text);
      boolean tagged = blocks.stream().anyMatch(b -> b.tag != null);
      if (!tagged) {
        return untagged(blocks);
      }
      List<Section> out = new ArrayList<>();
      List<Block> prelude = new ArrayList<>();
      Block current = null;
      int currentRepeat = 1;
      List<String> currentLines = null;
      for (Block b : blocks) {
        if (b.tag == null && current == null) {
          prelude.add(b);
          continue;
        }
        if (b.tag == null) {
          // An untagged block inside a tagged sheet: a chorus if it repeats one, else more of
          // the section above (people leave blank lines inside long verses).
          if (!b.lines.isEmpty() && repeatsChorus(out, currentLines, current, b.lines)) {
            flush(out, current, currentRepeat, currentLines);
            current = new Block(new Tag(SectionType.CHORUS, "Chorus", 1, ""));
            currentRepeat = 1;
            currentLines = new ArrayList<>(b.lines);
          } else {
            currentLines.addAll(b.lines);
          }
          continue;
        }
        if (current == null) {
          out.addAll(untagged(prelude));
        } else {
          flush(out, current, currentRepeat, currentLines);
        }
        current = b;
        currentRepeat = b.tag.repeat;
        currentLines = new ArrayList<>(b.lines);
      }
      if (current != null) {
        flush(out, current, currentRepeat, currentLines);
      }
      return out;
    }

    private static boolean repeatsChorus(
        List<Section> done, List<String> openLines, Block open, List<String> lines) {
      String key = key(lines);
      if (open != null && open.tag.type == SectionType.CHORUS && key.equals(key(openLines))) {
        return true;
      }
      return done.stream()
          .anyMatch(s -> s.type() == SectionType.CHORUS && key.equals(key(s.lines())));
    }

    private static void flush(List<Section> out, Block block, int repeat, List<String> lines) {
      Tag tag = block.tag;
      List<String> body = lines.isEmpty() ? previousLines(out, tag) : lines;
      for (int i = 0; i < repeat; i++) {
        out.add(new Section(tag.type, tag.label, body));
      }
    }

    /** A bare repeated tag ("[Chorus]", "(Hook)") means "sing that part again". */
    private static List<String> previousLines(List<Section> out, Tag tag) {
      boolean repeatable =
          switch (tag.type) {
            case CHORUS, HOOK, PRE_CHORUS -> true;
            default -> false;
          };
      for (int i = out.size() - 1; i >= 0; i--) {
        Section s = out.get(i);
        boolean sameLabel = s.label().equalsIgnoreCase(tag.label);
        if (!s.lines().isEmpty() && s.type() == tag.type && (repeatable || sameLabel)) {
          return s.lines();
        }
      }
      return List.of();
    }

    private static List<Block> blocks(String text) {
      List<Block> blocks = new ArrayList<>();
      Block current = null;
      for (String raw : text.split("\\R", -1)) {
        String line = raw.strip();
        if (line.isEmpty()) {
          current = null;
          continue;
        }
        Tag tag = line.length() <= MAX_TAG_LINE ? tag(line) : null;
        if (tag != null) {
          current = new Block(tag);
          blocks.add(current);
          addLyric(current, tag.rest);
          continue;
        }
        if (current == null) {
          current = new Block(null);
          blocks.add(current);
        }
        addLyric(current, line);
      }
      blocks.removeIf(b -> b.tag == null && b.lines.isEmpty());
      return blocks;
    }

    private static void addLyric(Block block, String raw) {
      String line = raw.replaceAll("\\s+", " ").strip();
      // A leading ad-lib or direction in brackets ("[laughs] I told you") is not sung text.
      Matcher m = BRACKETED.matcher(line);
      if (m.matches() && !m.group(2).isEmpty()) {
        line = m.group(2).strip();
      }
      if (line.codePoints().anyMatch(Character::isLetterOrDigit)) {
        block.lines.add(line);
      }
    }

    private static List<Section> untagged(List<Block> blocks) {
      List<List<String>> chunks = new ArrayList<>();
      boolean single = blocks.size() == 1;
      for (Block b : blocks) {
        if (b.lines.size() > 8 || (single && b.lines.size() > 4)) {
          chunks.addAll(chunk(b.lines));
        } else if (!b.lines.isEmpty()) {
          chunks.add(b.lines);
        }
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      chunks.forEach(c -> counts.merge(key(c), 1, Integer::sum));
      boolean anyRepeat = counts.values().stream().anyMatch(n -> n > 1);
      List<Section> out = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        List<String> c = chunks.get(i);
        boolean chorus = anyRepeat ? counts.get(key(c)) > 1 : i % 2 == 1;
        out.add(
            chorus
                ? new Section(SectionType.CHORUS, "Chorus", c)
                : new Section(SectionType.VERSE, "Verse", c));
      }
      return out;
    }
  }

  private static List<List<String>> chunk(List<String> lines) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 4) {
      List<String> part = lines.subList(i, Math.min(lines.size(), i + 4));
      if (part.size() < 2 && !out.isEmpty()) {
        // A lone trailing line belongs to the block before it.
        List<String> merged = new ArrayList<>(out.removeLast());
        merged.addAll(part);
        out.add(merged);
      } else {
        out.add(new ArrayList<>(part));
      }
    }
    return out;
  }

  /** Compares blocks by their words only, so punctuation and case do not hide a repeat. */
  private static String key(List<String> lines) {
    StringBuilder k = new StringBuilder();
    for (String l : lines) {
      l.toLowerCase(Locale.ROOT)
          .codePoints()
          .filter(Character::isLetterOrDigit)
          .forEach(k::appendCodePoint);
      k.append('|');
    }
    return k.toString();
  }

  /** Recognises a tag line, or returns null when the line is lyrics. */
  private static Tag tag(String line) {
    String plain = stripMarkdown(line);
    Matcher m = BRACKETED.matcher(plain);
    if (m.matches()) {
      Tag tag = named(m.group(1), false, m.group(2));
      if (tag != null) {
        return tag;
      }
      // Unknown bracketed text alone on its line is a direction such as "[Fade out]".
      return m.group(2).isBlank() ? other(m.group(1)) : null;
    }
    m = PARENTHESISED.matcher(plain);
    if (m.matches()) {
      return named(m.group(1), true, "");
    }
    m = COLON.matcher(plain);
    if (m.matches()) {
      return named(m.group(1), true, m.group(2));
    }
    return named(plain, true, "");
  }

  private static String stripMarkdown(String line) {
    String s = line.strip();
    s = s.replaceFirst("^#{1,6}\\s*", "");
    s = s.replaceAll("^[*_]+|[*_]+$", "");
    return s.strip();
  }

  /**
   * Reads a section name. With {@code strict}, the whole name must be a section keyword plus an
   * optional number, so "(oh my love)" or "Love: it's all" stay lyrics.
   */
  private static Tag named(String raw, boolean strict, String rest) {
    String name = raw.replace('_', ' ').replaceAll("\\s+", " ").strip();
    int repeat = 1;
    String lower = name.toLowerCase(Locale.ROOT);
    Matcher r = REPEAT.matcher(lower);
    if (r.find()) {
      String n = r.group(1) != null ? r.group(1) : r.group(2);
      repeat = Math.clamp(Integer.parseInt(n), 1, MAX_REPEAT);
      name = (name.substring(0, r.start()) + name.substring(r.end())).strip();
      lower = name.toLowerCase(Locale.ROOT);
    }
    Matcher rw = REPEAT_WORD.matcher(lower);
    if (rw.find()) {
      name = (name.substring(0, rw.start()) + name.substring(rw.end())).strip();
      lower = name.toLowerCase(Locale.ROOT);
    }
    name = name.replaceAll("^[\\s:,\\-–]+|[\\s:,\\-–]+$", "");
    lower = name.toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return null;
    }
    for (Map.Entry<Pattern, SectionType> k : KEYWORDS.entrySet()) {
      Matcher km = k.getKey().matcher(lower);
      if (!km.find()) {
        continue;
      }
      if (strict) {
        String left = lower.substring(0, km.start()).strip();
        String right = lower.substring(km.end());
        if (!left.isEmpty() || !NUMBER.matcher(right).replaceFirst("").isBlank()) {
          return null;
        }
      }
      return new Tag(k.getValue(), label(name, k.getValue()), repeat, rest.strip());
    }
    return null;
  }

  private static Tag other(String raw) {
    String name = raw.replaceAll("\\s+", " ").strip();
    return name.isEmpty() ? null : new Tag(SectionType.OTHER, name, 1, "");
  }

  /** The tag as written, e.g. "Verse 2" or "Chorus: Ana", capitalised when it was all lower. */
  private static String label(String name, SectionType type) {
    if (name.isEmpty()) {
      return type.name();
    }
    if (name.equals(name.toLowerCase(Locale.ROOT)) || name.equals(name.toUpperCase(Locale.ROOT))) {
      StringBuilder b = new StringBuilder();
      boolean start = true;
      for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
        b.append(start ? Character.toUpperCase(c) : c);
        start = c == ' ' || c == '-';
      }
      return b.toString();
    }
    return name;
  }

  private static Map<Pattern, SectionType> keywords() {
    Map<Pattern, SectionType> k = new LinkedHashMap<>();
    k.put(
        word("pre[\\s-]?(?:chorus|hook)|build[\\s-]?up|build|lift|channel"),
        SectionType.PRE_CHORUS);
    k.put(word("post[\\s-]?chorus"), SectionType.HOOK);
    k.put(word("chorus|refrain"), SectionType.CHORUS);
    k.put(word("hook"), SectionType.HOOK);
    k.put(word("verse|rap"), SectionType.VERSE);
    k.put(word("bridge|middle[\\s-]?(?:8|eight)"), SectionType.BRIDGE);
    k.put(word("intro|introduction|opening"), SectionType.INTRO);
    k.put(word("outro|coda|ending|end|fade[\\s-]?out"), SectionType.OUTRO);
    k.put(word("instrumental|solo|interlude|break|breakdown|drop|riff"), SectionType.INSTRUMENTAL);
    return k;
  }

  private static Pattern word(String alternatives) {
    return Pattern.compile("(?<![\\p{L}])(?:" + alternatives + ")(?![\\p{L}])");
  }

  private static List<Section> fallback(String text) {
    List<String> lines = new ArrayList<>();
    for (String l : text.split("\\R")) {
      if (!l.isBlank()) {
        lines.add(l.strip());
      }
    }
    return lines.isEmpty() ? List.of() : List.of(new Section(SectionType.VERSE, "Verse", lines));
  }
}
