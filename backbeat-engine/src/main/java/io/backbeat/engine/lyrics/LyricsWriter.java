package io.backbeat.engine.lyrics;

import io.backbeat.engine.prompt.PromptReader;
import io.backbeat.engine.prompt.PromptReading;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes song lyrics for a prompt, offline and deterministically: the same prompt and seed always
 * give the same two variants.
 *
 * <p>The prompt is read for its subject (names, places, nouns, actions, phrases) and themes (mood,
 * setting); lines come from templates filled with those words and with theme imagery, and end on
 * rhyme families from a built-in bank. The two variants share the subject but differ in title, form
 * and every line. See {@link LyricSheet} for the tag format of the text.
 */
public final class LyricsWriter {
  public LyricsWriter() {}

  /** Two lyric variants for the prompt; never throws, whatever the prompt holds. */
  public List<Lyrics> write(LyricsRequest request) {
    return compose(request.prompt(), request.seed());
  }

  private static List<Lyrics> compose(String prompt, long seed) {
    PromptReading subject = PromptReader.read(prompt);
    // String.hashCode is specified by the JLS, so this mix is stable across JVMs.
    SplittableRandom master =
        new SplittableRandom(seed ^ (prompt.hashCode() * 0x9E3779B97F4A7C15L));
    List<String> titles = Titles.ideas(subject, master.split());
    int first = titles.size() > 1 && master.nextInt(4) == 0 ? 1 : 0;
    int second = first;
    if (titles.size() > 1) {
      int choices = Math.min(3, titles.size());
      second = (first + 1 + master.nextInt(choices - 1)) % choices;
    }
    List<String> forms = Songwriter.FORMS;
    int formA = master.nextInt(forms.size());
    int formB = (formA + 1 + master.nextInt(forms.size() - 1)) % forms.size();
    Lyrics a = covering(subject, master, titles.get(first), forms.get(formA));
    Lyrics b = covering(subject, master, titles.get(second), forms.get(formB));
    for (int i = 0; i < 3 && b.text().equals(a.text()); i++) {
      b = covering(subject, master, titles.get(second), forms.get(formB));
    }
    return List.of(a, b);
  }

  /**
   * A variant that mentions the key parts of the subject. The songwriter leans towards them
   * already; a few fresh draws (still seeded) catch the rare song that missed one.
   */
  private static Lyrics covering(
      PromptReading subject, SplittableRandom master, String title, String form) {
    Lyrics first = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      Lyrics l = new Songwriter(subject, master.split()).write(title, form);
      if (Songwriter.covers(subject, l.text())) {
        return l;
      }
      if (first == null) {
        first = l;
      }
    }
    return first;
  }
}
