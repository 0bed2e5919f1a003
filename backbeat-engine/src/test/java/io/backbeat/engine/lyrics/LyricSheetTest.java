package io.backbeat.engine.lyrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LyricSheetTest {

  @Test
  void reads_square_bracket_tags_with_numbers_and_repeats() {
    LyricSheet sheet =
        LyricSheet.parse(
            """
            [Verse 1]
            Walking down the avenue
            Nothing left to say

            [Pre-Chorus]
            Here it comes

            [Chorus x2]
            Hold on, hold on
            We're alive tonight

            [Verse 2]
            Second verse is here
            """);

    assertThat(types(sheet))
        .containsExactly(
            SectionType.VERSE,
            SectionType.PRE_CHORUS,
            SectionType.CHORUS,
            SectionType.CHORUS,
            SectionType.VERSE);
    assertThat(sheet.sections().get(0).label()).isEqualTo("Verse 1");
    assertThat(sheet.sections().get(2).label()).isEqualTo("Chorus");
    assertThat(sheet.sections().get(3).lines())
        .containsExactly("Hold on, hold on", "We're alive tonight");
    assertThat(sheet.sections().get(4).lines()).containsExactly("Second verse is here");
  }

  @Test
  void reads_parenthesised_colon_and_markdown_tags_in_any_case() {
    LyricSheet sheet =
        LyricSheet.parse(
            """
            VERSE 1:
            first line
            (CHORUS)
            chorus line
            **Bridge**
            bridge line
            ## outro
            last line
            Hook: sung on the same line
            """);

    assertThat(types(sheet))
        .containsExactly(
            SectionType.VERSE,
            SectionType.CHORUS,
            SectionType.BRIDGE,
            SectionType.OUTRO,
            SectionType.HOOK);
    assertThat(sheet.sections().get(1).lines()).containsExactly("chorus line");
    assertThat(sheet.sections().get(4).lines()).containsExactly("sung on the same line");
  }

  @Test
  void knows_every_section_type() {
    LyricSheet sheet =
        LyricSheet.parse(
            "[Intro]\n\n[Verse]\na\n[Pre-Chorus]\nb\n[Chorus]\nc\n[Post-Chorus]\nd\n[Bridge]\ne\n"
                + "[Guitar Solo]\n\n[Hook]\nf\n[Outro]\ng\n[Spoken Word]\nh\n");

    assertThat(types(sheet))
        .containsExactly(
            SectionType.INTRO,
            SectionType.VERSE,
            SectionType.PRE_CHORUS,
            SectionType.CHORUS,
            SectionType.HOOK,
            SectionType.BRIDGE,
            SectionType.INSTRUMENTAL,
            SectionType.HOOK,
            SectionType.OUTRO,
            SectionType.OTHER);
    assertThat(sheet.sections().getFirst().isInstrumental()).isTrue();
    assertThat(sheet.sections().getLast().label()).isEqualTo("Spoken Word");
  }

  @Test
  void a_bare_chorus_tag_repeats_the_last_chorus() {
    LyricSheet sheet =
        LyricSheet.parse(
            "[Chorus]\n"
                + "la la la\n"
                + "na na na\n\n"
                + "[Verse]\n"
                + "something new\n\n"
                + "[Chorus]\n\n"
                + "(Repeat Chorus)\n");

    assertThat(types(sheet))
        .containsExactly(
            SectionType.CHORUS, SectionType.VERSE, SectionType.CHORUS, SectionType.CHORUS);
    assertThat(sheet.sections().get(2).lines()).containsExactly("la la la", "na na na");
    assertThat(sheet.sections().get(3).lines()).containsExactly("la la la", "na na na");
  }

  @Test
  void lyric_lines_that_look_a_bit_like_tags_stay_lyrics() {
    LyricSheet sheet =
        LyricSheet.parse(
            """
            [Verse]
            (oh, oh, oh)
            Chorus girls are dancing
            Love: it's all we need
            [laughs] I told you so
            Hook, line and sinker
            """);

    assertThat(sheet.sections()).hasSize(1);
    assertThat(sheet.sections().getFirst().lines())
        .containsExactly(
            "(oh, oh, oh)",
            "Chorus girls are dancing",
            "Love: it's all we need",
            "I told you so",
            "Hook, line and sinker");
  }

  @Test
  void untagged_blocks_become_verses_and_the_repeated_block_the_chorus() {
    LyricSheet sheet =
        LyricSheet.parse(
            """
            I woke up early
            the sun was in my eyes

            We are the fire
            we are the light

            The road was long
            the night was cold

            we are the fire
            We are the light!
            """);

    assertThat(types(sheet))
        .containsExactly(
            SectionType.VERSE, SectionType.CHORUS, SectionType.VERSE, SectionType.CHORUS);
    assertThat(sheet.sections().get(3).lines())
        .containsExactly("we are the fire", "We are the light!");
  }

  @Test
  void untagged_blocks_without_a_repeat_alternate_verse_and_chorus() {
    LyricSheet sheet = LyricSheet.parse("one\ntwo\n\nthree\nfour\n\nfive\nsix\n\nseven\neight\n");

    assertThat(types(sheet))
        .containsExactly(
            SectionType.VERSE, SectionType.CHORUS, SectionType.VERSE, SectionType.CHORUS);
  }

  @Test
  void untagged_text_without_blank_lines_is_cut_into_four_line_blocks() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 13; i++) {
      text.append("line ").append(i).append('\n');
    }

    LyricSheet sheet = LyricSheet.parse(text.toString());

    assertThat(sheet.sections()).extracting(s -> s.lines().size()).containsExactly(4, 4, 5);
    assertThat(types(sheet))
        .containsExactly(SectionType.VERSE, SectionType.CHORUS, SectionType.VERSE);
  }

  @Test
  void an_untagged_block_inside_a_tagged_sheet_joins_the_section_above() {
    LyricSheet sheet = LyricSheet.parse("[Verse]\na\nb\n\nc\nd\n[Chorus]\ne\n");

    assertThat(types(sheet)).containsExactly(SectionType.VERSE, SectionType.CHORUS);
    assertThat(sheet.sections().getFirst().lines()).containsExactly("a", "b", "c", "d");
  }

  @Test
  void messy_whitespace_and_punctuation_only_lines_are_cleaned() {
    LyricSheet sheet =
        LyricSheet.parse("\r\n  [ chorus ]  \r\n   so    much   space  \r\n---\r\n...\r\n\t\n");

    assertThat(sheet.sections()).hasSize(1);
    assertThat(sheet.sections().getFirst().type()).isEqualTo(SectionType.CHORUS);
    assertThat(sheet.sections().getFirst().lines()).containsExactly("so much space");
  }

  @Test
  void the_sheet_renders_back_to_text_that_parses_the_same() {
    LyricSheet sheet = LyricSheet.parse("[Verse 1]\na b c\n[Chorus x2]\nd e f\n[Outro]\n");

    assertThat(LyricSheet.parse(sheet.toText())).isEqualTo(sheet);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "\n\n\n",
        "[[[]]]",
        "(((",
        ":::",
        "[]",
        "()",
        "[x99]",
        "Chorus x2",
        "[Chorus x 99]"
      })
  void odd_inputs_never_throw(String text) {
    assertThatCode(() -> LyricSheet.parse(text)).doesNotThrowAnyException();
  }

  @Test
  void null_and_random_text_never_throw() {
    assertThat(LyricSheet.parse(null).isEmpty()).isTrue();
    SplittableRandom random = new SplittableRandom(5);
    for (int n = 0; n < 50; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(2000); i > 0; i--) {
        int pick = random.nextInt(10);
        text.appendCodePoint(
            pick == 0 ? '\n' : pick == 1 ? '[' : pick == 2 ? ']' : random.nextInt(1, 0x3000));
      }
      assertThatCode(() -> LyricSheet.parse(text.toString())).doesNotThrowAnyException();
    }
  }

  @Test
  void repeats_are_capped() {
    assertThat(LyricSheet.parse("[Chorus x99]\nla\n").sections()).hasSize(8);
  }

  private static List<SectionType> types(LyricSheet sheet) {
    return sheet.sections().stream().map(Section::type).toList();
  }
}
