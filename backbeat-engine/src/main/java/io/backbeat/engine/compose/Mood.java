package io.backbeat.engine.compose;

import java.util.List;

/** Mood words from the style text; they bend tempo, mode, dynamics and the cover palette. */
public enum Mood {
  MELLOW(List.of("mellow", "chill", "calm", "relaxed", "relaxing", "soft", "gentle", "laid back", "laid-back", "dreamy", "lazy", "peaceful")),
  DARK(List.of("dark", "moody", "sinister", "ominous", "gritty", "haunting", "eerie", "brooding", "menacing")),
  UPLIFTING(List.of("uplifting", "happy", "bright", "joyful", "euphoric", "hopeful", "cheerful", "summer", "sunny", "feel good", "feel-good", "anthemic")),
  ENERGETIC(List.of("energetic", "upbeat", "hype", "powerful", "aggressive", "driving", "fast", "intense", "party", "banger")),
  SAD(List.of("sad", "melancholic", "melancholy", "heartbreak", "heartbroken", "lonely", "nostalgic", "bittersweet", "somber", "sombre", "tearful")),
  NEUTRAL(List.of());

  private final List<String> words;

  Mood(List<String> words) {
    this.words = words;
  }

  public List<String> words() {
    return words;
  }
}
