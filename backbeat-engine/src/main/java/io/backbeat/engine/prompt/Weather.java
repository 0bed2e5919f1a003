package io.backbeat.engine.prompt;

/** The weather a prompt describes ("a rainy, foggy morning" is RAIN and FOG). */
public enum Weather {
  SUNNY("sunny sunshine sunlit sun-drenched sun-soaked cloudless", "☀🌞"),
  CLOUDY("cloudy overcast clouds cloud grey-sky", "☁🌥"),
  RAIN("rain rainy raining rained rainfall raindrop raindrops drizzle drizzling downpour monsoon"
      + " rainstorm", "🌧☔🌦☂"),
  STORM("storm stormy storms thunder thunderstorm lightning hurricane tempest typhoon tornado",
      "⛈🌩🌪"),
  SNOW("snow snowy snowing snowfall snowflake snowflakes blizzard snowstorm", "❄☃⛄🌨"),
  FOG("fog foggy mist misty haze hazy smog", "🌫"),
  WIND("wind windy breeze breezy gale gust gusts windswept", "🌬💨");

  private final String words;
  private final String emoji;

  Weather(String words, String emoji) {
    this.words = words;
    this.emoji = emoji;
  }

  static final Lexicon<Weather> LEXICON = new Lexicon<>(values(), w -> w.words, w -> w.emoji);
}
