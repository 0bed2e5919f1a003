package io.backbeat.engine;

import io.backbeat.engine.compose.SectionKind;
import io.backbeat.engine.compose.Syllabifier;
import io.backbeat.engine.compose.TextSection;
import io.backbeat.engine.lyrics.LyricSheet;
import io.backbeat.engine.lyrics.Section;
import io.backbeat.engine.lyrics.Syllables;
import java.util.ArrayList;
import java.util.List;

/** Connects the lyrics package (sheet parsing, syllables) to the composer's types. */
final class LyricsAdapter {
  static final Syllabifier SYLLABLES = new Syllabifier() {
    @Override
    public List<String> split(String word) {
      return Syllables.split(word);
    }

    @Override
    public List<String> words(String line) {
      return Syllables.words(line);
    }
  };

  private LyricsAdapter() {}

  static List<TextSection> sections(String lyrics) {
    List<TextSection> out = new ArrayList<>();
    if (lyrics == null || lyrics.isBlank()) {
      return out;
    }
    for (Section s : LyricSheet.parse(lyrics).sections()) {
      SectionKind kind = SectionKind.fromName(s.type().name());
      List<String> lines = s.lines().stream().filter(l -> !Syllables.words(l).isEmpty()).toList();
      out.add(new TextSection(kind, s.label(), lines));
    }
    return out;
  }
}
