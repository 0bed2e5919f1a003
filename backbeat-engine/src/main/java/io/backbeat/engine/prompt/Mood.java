package io.backbeat.engine.prompt;

/**
 * How a prompt should feel, for pictures and scenes as much as for music: from mood words ("a
 * dreamy, mysterious forest") and, when none is written, from its themes (a breakup reads sad).
 * Not {@code compose.Mood}, which is the music's narrower set driven by the style text.
 */
public enum Mood {
  CALM("calm peaceful serene tranquil gentle soft mellow chill chilled relaxed relaxing soothing"
      + " still laid-back cozy cosy quiet", "😌🧘"),
  HAPPY("happy joyful joy cheerful fun playful glad smiling laughing bubbly carefree jolly"
      + " feelgood feel-good sunny-hearted", "😊😄😁🙂🥳"),
  UPLIFTING("uplifting hopeful inspiring inspirational motivational triumphant victorious"
      + " empowering anthemic euphoric", "💪🏆🙌"),
  ENERGETIC("energetic upbeat hype wild intense powerful explosive frantic fierce fiery"
      + " electrifying aggressive driving", "⚡🔥"),
  ROMANTIC("romantic tender sensual passionate intimate lovey loving amorous", "💕💖💘💞😍🌹"),
  DREAMY("dreamy dreamlike ethereal surreal magical whimsical otherworldly hypnotic floaty"
      + " enchanted fairytale", "✨🦄"),
  NOSTALGIC("nostalgic nostalgia retro vintage bittersweet wistful reminiscent old-fashioned", "📼"),
  SAD("sad sadness melancholic melancholy lonely heartbreak heartbroken grief grieving sorrow"
      + " sorrowful tearful somber sombre gloomy depressed mournful forlorn", "😢😭💔😞🥀"),
  DARK("dark sinister ominous eerie creepy haunted haunting gothic menacing spooky scary horror"
      + " brooding grim macabre", "💀👻🖤🦇"),
  EPIC("epic cinematic grand majestic heroic dramatic monumental legendary", "⚔"),
  MYSTERIOUS("mysterious mystery mystic mystical enigmatic cryptic shadowy arcane", "🔮");

  private final String words;
  private final String emoji;

  Mood(String words, String emoji) {
    this.words = words;
    this.emoji = emoji;
  }

  static final Lexicon<Mood> LEXICON = new Lexicon<>(values(), m -> m.words, m -> m.emoji);
}
