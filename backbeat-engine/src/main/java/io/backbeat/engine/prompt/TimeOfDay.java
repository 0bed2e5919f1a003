package io.backbeat.engine.prompt;

/** When a scene happens, from the first time word of the prompt ("at dusk", "midnight"). */
public enum TimeOfDay {
  DAWN("dawn sunrise daybreak first_light", "🌅🌄"),
  MORNING("morning mornings breakfast", ""),
  NOON("noon midday high_noon", ""),
  AFTERNOON("afternoon afternoons", ""),
  EVENING("evening evenings sunset sunsets sundown dusk twilight golden_hour", "🌇🌆"),
  NIGHT("night nights midnight tonight nighttime night-time late-night overnight moonlight"
      + " moonlit starlight starlit starry", "🌃🌙🌌🌉");

  private final String words;
  private final String emoji;

  TimeOfDay(String words, String emoji) {
    this.words = words;
    this.emoji = emoji;
  }

  static final Lexicon<TimeOfDay> LEXICON = new Lexicon<>(values(), t -> t.words, t -> t.emoji);
}
