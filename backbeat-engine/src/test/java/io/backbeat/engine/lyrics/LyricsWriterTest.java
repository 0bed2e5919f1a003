package io.backbeat.engine.lyrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LyricsWriterTest {
  private static final String DOG = "a song about my dog Biscuit chasing waves at the beach";
  private static final String TOKYO = "heartbreak in a rainy Tokyo night";

  private final LyricsWriter writer = new LyricsWriter();

  private List<Lyrics> write(String prompt, long seed) {
    return write(writer, prompt, seed);
  }

  private static List<Lyrics> write(LyricsWriter writer, String prompt, long seed) {
    return writer.write(LyricsRequest.builder().prompt(prompt).seed(seed).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {DOG, TOKYO, "an upbeat pop anthem about summer love in Barcelona"})
  void writes_two_variants_in_verse_and_chorus_form(String prompt) {
    List<Lyrics> variants = write(prompt, 42);

    assertThat(variants).hasSize(2);
    for (Lyrics lyrics : variants) {
      assertThat(lyrics.text()).contains("[Verse]", "[Chorus]");
      LyricSheet sheet = LyricSheet.parse(lyrics.text());
      assertThat(sheet.sections()).hasSizeGreaterThanOrEqualTo(4);
      List<Section> choruses = ofType(sheet, SectionType.CHORUS);
      assertThat(choruses).hasSizeGreaterThanOrEqualTo(2);
      assertThat(choruses)
          .allSatisfy(c -> assertThat(c.lines()).isEqualTo(choruses.getFirst().lines()));
      assertThat(ofType(sheet, SectionType.VERSE))
          .hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(v -> assertThat(v.lines()).hasSize(4));
      assertThat(choruses.getFirst().lines()).hasSize(4);
    }
  }

  @Test
  void the_chorus_hook_sings_the_title() {
    for (long seed = 0; seed < 10; seed++) {
      for (Lyrics lyrics : write(DOG, seed)) {
        List<String> chorus = ofType(lyrics.sheet(), SectionType.CHORUS).getFirst().lines();
        String title = lyrics.title().toLowerCase(Locale.ROOT);
        assertThat(chorus)
            .anySatisfy(line -> assertThat(line.toLowerCase(Locale.ROOT)).contains(title));
      }
    }
  }

  @Test
  void lyrics_use_the_dogs_name_and_the_beach() {
    for (long seed = 0; seed < 20; seed++) {
      for (Lyrics lyrics : write(DOG, seed)) {
        String text = lyrics.text().toLowerCase(Locale.ROOT);
        assertThat(text).as("seed %d", seed).contains("biscuit");
        assertThat(text).as("seed %d", seed).containsAnyOf("beach", "waves");
      }
    }
  }

  @Test
  void lyrics_use_tokyo_and_the_rain() {
    for (long seed = 0; seed < 20; seed++) {
      for (Lyrics lyrics : write(TOKYO, seed)) {
        String text = lyrics.text().toLowerCase(Locale.ROOT);
        assertThat(text).as("seed %d", seed).contains("tokyo");
        assertThat(text).as("seed %d", seed).containsPattern("rain|heartbreak");
      }
    }
  }

  @Test
  void the_prompt_is_woven_into_lines_not_only_the_title() {
    Lyrics lyrics = write(DOG, 5).getFirst();
    List<String> verseLines =
        ofType(lyrics.sheet(), SectionType.VERSE).stream()
            .flatMap(s -> s.lines().stream())
            .toList();

    long mentioning =
        verseLines.stream()
            .map(l -> l.toLowerCase(Locale.ROOT))
            .filter(
                l ->
                    l.contains("biscuit")
                        || l.contains("beach")
                        || l.contains("wave")
                        || l.contains("dog"))
            .count();
    assertThat(mentioning).isGreaterThanOrEqualTo(3);
  }

  @Test
  void different_prompts_share_few_lines() {
    Set<String> dog = lines(write(DOG, 1));
    Set<String> tokyo = lines(write(TOKYO, 1));

    Set<String> shared = new HashSet<>(dog);
    shared.retainAll(tokyo);
    assertThat(shared.size()).isLessThanOrEqualTo(Math.min(dog.size(), tokyo.size()) / 10);
  }

  @Test
  void the_two_variants_of_one_prompt_differ_line_by_line() {
    List<Lyrics> variants = write(TOKYO, 9);
    Set<String> first = lines(List.of(variants.get(0)));
    Set<String> second = lines(List.of(variants.get(1)));

    assertThat(variants.get(0).text()).isNotEqualTo(variants.get(1).text());
    Set<String> shared = new HashSet<>(first);
    shared.retainAll(second);
    assertThat(shared.size()).isLessThanOrEqualTo(first.size() / 4);
  }

  @Test
  void the_same_prompt_and_seed_give_the_same_lyrics() {
    assertThat(write(new LyricsWriter(), DOG, 1234)).isEqualTo(write(new LyricsWriter(), DOG, 1234));
    assertThat(write("", 7)).isEqualTo(write("", 7));
  }

  @Test
  void a_different_seed_gives_different_lyrics() {
    assertThat(write(DOG, 1)).isNotEqualTo(write(DOG, 2));
    assertThat(write(TOKYO, 1).getFirst().text())
        .isNotEqualTo(write(TOKYO, 2).getFirst().text());
  }

  @Test
  void titles_are_short_title_case_and_about_the_subject() {
    for (long seed = 0; seed < 10; seed++) {
      for (Lyrics lyrics : write(TOKYO, seed)) {
        assertThat(lyrics.title()).hasSizeLessThanOrEqualTo(80).isNotBlank();
        assertThat(lyrics.title()).containsAnyOf("Tokyo", "Rain", "Night", "Heartbreak");
        for (String word : lyrics.title().split(" ")) {
          boolean minor =
              Set.of(
                      "a", "an", "the", "and", "of", "in", "on", "at", "to", "by", "for", "with",
                      "but", "or")
                  .contains(word);
          assertThat(minor || Character.isUpperCase(word.charAt(0))).as(lyrics.title()).isTrue();
        }
      }
    }
  }

  @Test
  void lines_have_singable_lengths() {
    List<String> all = new ArrayList<>();
    for (long seed = 0; seed < 10; seed++) {
      for (String prompt : List.of(DOG, TOKYO, "")) {
        write(prompt, seed).forEach(l -> all.addAll(l.sheet().lines()));
      }
    }
    assertThat(all).allSatisfy(line -> assertThat(Syllables.count(line)).as(line).isBetween(3, 12));
    long comfortable =
        all.stream().filter(l -> Syllables.count(l) >= 5 && Syllables.count(l) <= 11).count();
    assertThat(comfortable).isGreaterThanOrEqualTo(all.size() * 8L / 10);
  }

  @Test
  void four_line_verses_and_choruses_rhyme() {
    for (long seed = 0; seed < 10; seed++) {
      for (Lyrics lyrics : write(DOG, seed)) {
        for (Section s : lyrics.sheet().sections()) {
          if (s.lines().size() == 4
              && (s.type() == SectionType.VERSE || s.type() == SectionType.CHORUS)) {
            assertThat(hasRhymePair(s.lines())).as("%s", s.lines()).isTrue();
          }
        }
      }
    }
  }

  @Test
  void forms_vary_with_the_seed() {
    Set<String> forms = new HashSet<>();
    for (long seed = 0; seed < 12; seed++) {
      for (Lyrics lyrics : write(TOKYO, seed)) {
        forms.add(lyrics.sheet().sections().stream().map(s -> s.type().name()).toList().toString());
      }
    }
    assertThat(forms).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void a_sad_prompt_and_a_party_prompt_get_different_imagery() {
    Set<String> sad = lines(write("sad song about crying alone after the breakup", 3));
    Set<String> party = lines(write("happy party anthem, dancing all night at the club", 3));

    assertThat(String.join(" ", party).toLowerCase(Locale.ROOT))
        .containsAnyOf("danc", "party", "club");
    Set<String> shared = new HashSet<>(sad);
    shared.retainAll(party);
    assertThat(shared.size()).isLessThanOrEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "?!?!... ---",
        "🎉🔥💃 🌊🌊",
        "雨夜的东京，心碎的声音",
        "una canción sobre el mar y la luna en Barcelona",
        "Привет, мир",
        "a",
        "THE THE THE THE",
        "[Verse] (Chorus) {x} <b>bold</b> \\n \\t % $ # @",
        "love love love love love love love love love love love love love"
      })
  void odd_prompts_still_give_valid_lyrics(String prompt) {
    List<Lyrics> variants = write(prompt, 11);

    assertThat(variants).hasSize(2);
    for (Lyrics lyrics : variants) {
      assertThat(lyrics.title()).isNotBlank().hasSizeLessThanOrEqualTo(80);
      assertThat(lyrics.text()).contains("[Verse]", "[Chorus]");
      assertThat(lyrics.sheet().sections()).hasSizeGreaterThanOrEqualTo(4);
      assertThat(lyrics.sheet().lines()).allSatisfy(l -> assertThat(l).isNotBlank());
    }
  }

  @Test
  void a_null_prompt_is_an_empty_prompt() {
    assertThat(write(null, 3)).isEqualTo(write("", 3));
  }

  @Test
  void a_two_hundred_word_prompt_is_read_without_trouble() {
    String words =
        "I want a long cinematic song about my grandmother Rosa who grew up in a small fishing"
            + " village near Lisbon where the boats came home at dusk and the whole family gathered"
            + " in the kitchen to cook sardines while the radio played old fado records and the"
            + " children ran barefoot along the harbor wall chasing seagulls until the lighthouse"
            + " came on ";
    StringBuilder prompt = new StringBuilder();
    int i = 0;
    String[] parts = words.split(" ");
    while (prompt.toString().split(" ").length < 200) {
      prompt.append(parts[i++ % parts.length]).append(' ');
    }

    List<Lyrics> variants = write(prompt.toString(), 5);

    assertThat(variants).hasSize(2);
    for (Lyrics lyrics : variants) {
      assertThat(lyrics.title()).hasSizeLessThanOrEqualTo(80);
      assertThat(lyrics.text()).contains("Rosa").contains("Lisbon");
      assertThat(lyrics.sheet().sections()).hasSizeGreaterThanOrEqualTo(4);
    }
  }

  /**
   * Random text of every kind the API may carry. There is no fallback inside the writer: each
   * input is written by the writer itself, and what must hold of every song text is checked.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(RandomText.class)
  void random_text_is_written_into_well_formed_lyrics(RandomText kind) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(99 + kind.ordinal());
    for (int n = 0; n < 12; n++) {
      String prompt = kind.make(random);
      long seed = random.nextLong();

      List<Lyrics> variants = write(prompt, seed);

      String input = kind + " #" + n + " seed " + seed;
      assertThat(variants).as(input).hasSize(2);
      assertThat(variants.get(0).text()).as(input).isNotEqualTo(variants.get(1).text());
      for (Lyrics lyrics : variants) {
        assertThat(lyrics.title()).as(input).isNotBlank().hasSizeLessThanOrEqualTo(80);
        assertThat(wellFormed(lyrics.title()) && wellFormed(lyrics.text())).as(input).isTrue();
        LyricSheet sheet = lyrics.sheet();
        assertThat(lyrics.text()).as(input).contains("[Verse]", "[Chorus]");
        assertThat(sheet.sections()).as(input).hasSizeGreaterThanOrEqualTo(4);
        List<Section> choruses = ofType(sheet, SectionType.CHORUS);
        assertThat(choruses).as(input)
            .allSatisfy(c -> assertThat(c.lines()).isEqualTo(choruses.getFirst().lines()));
        assertThat(ofType(sheet, SectionType.VERSE)).as(input)
            .allSatisfy(v -> assertThat(v.lines()).hasSize(4));
        assertThat(sheet.lines()).as(input).allSatisfy(line -> {
          assertThat(line).isNotBlank();
          assertThat(line.codePoints().noneMatch(Character::isISOControl)).isTrue();
        });
      }
      assertThat(write(prompt, seed)).as(input).isEqualTo(variants);
    }
  }

  @Test
  void a_keyboard_run_is_not_sung() {
    String run = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    for (long seed = 0; seed < 5; seed++) {
      for (Lyrics lyrics : write(run + " by the sea", seed)) {
        assertThat(lyrics.text()).doesNotContain("bbbb");
        assertThat(lyrics.title()).doesNotContain("bbbb");
      }
    }
    // a long real word is still a word
    assertThat(write("a supercalifragilisticexpialidocious night", 1))
        .anySatisfy(l -> assertThat(l.title() + "\n" + l.text()).containsIgnoringCase("supercalifragilisticexpialidocious"));
  }

  /** Kinds of text a caller may send, generated from a seeded random source. */
  enum RandomText {
    BMP_CODE_POINTS {
      @Override
      String make(java.util.SplittableRandom r) {
        return codePoints(r, r.nextInt(300), () -> r.nextInt(0x20, 0x2FFF));
      }
    },
    ANY_CODE_POINTS {
      @Override
      String make(java.util.SplittableRandom r) {
        return codePoints(r, r.nextInt(300), () -> {
          int cp;
          do {
            cp = r.nextInt(0x20, Character.MAX_CODE_POINT + 1);
          } while (!Character.isDefined(cp) || Character.getType(cp) == Character.SURROGATE);
          return cp;
        });
      }
    },
    EMOJI {
      @Override
      String make(java.util.SplittableRandom r) {
        return codePoints(r, r.nextInt(1, 60), () -> r.nextInt(0x1F300, 0x1FAFF));
      }
    },
    NUMBERS_ONLY {
      @Override
      String make(java.util.SplittableRandom r) {
        return codePoints(r, r.nextInt(1, 80), () -> '0' + r.nextInt(10));
      }
    },
    PUNCTUATION_ONLY {
      @Override
      String make(java.util.SplittableRandom r) {
        String marks = "!?.,;:-—'\"()[]{}<>/\\|@#$%^&*_+=~`…’“”";
        return codePoints(r, r.nextInt(1, 80), () -> marks.charAt(r.nextInt(marks.length())));
      }
    },
    VERY_LONG_WORDS {
      @Override
      String make(java.util.SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < r.nextInt(1, 5); w++) {
          int letters = r.nextInt(30, 500);
          for (int i = 0; i < letters; i++) {
            b.append((char) ('a' + r.nextInt(26)));
          }
          b.append(r.nextBoolean() ? " " : " and my dog ");
        }
        return b.toString();
      }
    },
    LATIN_WORD_SALAD {
      @Override
      String make(java.util.SplittableRandom r) {
        String letters = "aeiouyAEIOUYbcdfghjklmnpqrstvwxzÀéüñßøİ'-’";
        return codePoints(r, r.nextInt(1, 300), () -> letters.charAt(r.nextInt(letters.length())));
      }
    },
    CONTROL_AND_INVISIBLE {
      @Override
      String make(java.util.SplittableRandom r) {
        int[] odd = {0, 1, 7, 9, 10, 13, 27, 127, 0x200B, 0x200D, 0x202E, 0xFEFF, 0x0301, 0xD800};
        return codePoints(r, r.nextInt(1, 100), () -> r.nextInt(3) == 0 ? 'a' + r.nextInt(26) : odd[r.nextInt(odd.length)]);
      }
    },
    BLANK {
      @Override
      String make(java.util.SplittableRandom r) {
        String spaces = " \t\n\r\u00A0\u2003";
        return codePoints(r, r.nextInt(0, 6), () -> spaces.charAt(r.nextInt(spaces.length())));
      }
    };

    abstract String make(java.util.SplittableRandom r);

    private static String codePoints(java.util.SplittableRandom r, int length,
        java.util.function.IntSupplier next) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < length; i++) {
        if (r.nextInt(5) == 0) {
          b.append(' ');
        } else {
          b.appendCodePoint(next.getAsInt());
        }
      }
      return b.toString();
    }
  }

  /** No lone surrogate: the text is valid Unicode, safe to put in JSON and to sing. */
  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasRhymePair(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      for (int j = i + 1; j < lines.size(); j++) {
        if (lines.get(i).equals(lines.get(j))) {
          return true; // a repeated hook line
        }
        List<RhymeBank.Family> a = RhymeBank.familiesOf(lines.get(i));
        List<RhymeBank.Family> b = RhymeBank.familiesOf(lines.get(j));
        if (a.stream().anyMatch(b::contains)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Section> ofType(LyricSheet sheet, SectionType type) {
    return sheet.sections().stream().filter(s -> s.type() == type).toList();
  }

  private static Set<String> lines(List<Lyrics> variants) {
    Set<String> out = new HashSet<>();
    variants.forEach(
        l -> l.sheet().lines().forEach(line -> out.add(line.toLowerCase(Locale.ROOT))));
    return out;
  }
}
