package io.backbeat.engine.prompt;

/** The season a prompt names, from the first season word ("in the autumn", "christmas"). */
public enum Season {
  SPRING("spring springtime april", "🌷"),
  SUMMER("summer summertime summers june july august", "🏖"),
  AUTUMN("autumn autumnal fall_leaves autumn_leaves september october november halloween"
      + " thanksgiving", "🍂🍁🎃"),
  WINTER("winter wintertime wintry december january february christmas xmas", "🎄⛄");

  private final String words;
  private final String emoji;

  Season(String words, String emoji) {
    this.words = words;
    this.emoji = emoji;
  }

  static final Lexicon<Season> LEXICON = new Lexicon<>(values(), s -> s.words, s -> s.emoji);
}
