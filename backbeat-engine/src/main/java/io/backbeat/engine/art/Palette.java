package io.backbeat.engine.art;

import io.backbeat.engine.compose.Genre;
import io.backbeat.engine.compose.Mood;
import java.awt.Color;
import java.util.SplittableRandom;

/** Four colours for a cover: background top/bottom, an accent and the text colour. */
record Palette(Color top, Color bottom, Color accent, Color accent2, Color text) {

  /** Hue (0..1) and saturation per genre: the colour people associate with the scene. */
  static Palette of(Genre genre, Mood mood, SplittableRandom random) {
    float hue = switch (genre) {
      case LOFI -> 0.75f;
      case HOUSE, DISCO -> 0.86f;
      case TECHNO -> 0.6f;
      case TRANCE -> 0.55f;
      case DRUM_AND_BASS -> 0.28f;
      case DUBSTEP, TRAP -> 0.78f;
      case HIP_HOP -> 0.11f;
      case POP -> 0.93f;
      case ROCK, PUNK -> 0.0f;
      case METAL -> 0.99f;
      case FUNK, AFROBEATS -> 0.07f;
      case RNB -> 0.8f;
      case REGGAE -> 0.3f;
      case REGGAETON -> 0.9f;
      case JAZZ -> 0.6f;
      case BOSSA_NOVA -> 0.47f;
      case FOLK, COUNTRY -> 0.09f;
      case BALLAD -> 0.62f;
      case SYNTHWAVE -> 0.85f;
      case AMBIENT -> 0.5f;
      case ORCHESTRAL -> 0.1f;
    };
    hue += (float) (random.nextDouble() - 0.5) * 0.08f;
    float sat = 0.7f;
    float bright = 0.75f;
    switch (mood) {
      case DARK -> { bright = 0.35f; sat = 0.6f; }
      case SAD -> { hue = lerpHue(hue, 0.62f, 0.5f); sat = 0.45f; bright = 0.55f; }
      case MELLOW -> { sat = 0.45f; bright = 0.7f; }
      case UPLIFTING -> { sat = 0.8f; bright = 0.95f; }
      case ENERGETIC -> { sat = 0.95f; bright = 0.9f; }
      default -> { }
    }
    if (genre == Genre.METAL || genre == Genre.TRAP || genre == Genre.TECHNO) {
      bright *= 0.6f;
    }
    Color top = Color.getHSBColor(hue, sat, bright);
    Color bottom = Color.getHSBColor(hue + 0.08f, Math.min(1, sat + 0.1f), bright * 0.35f);
    Color accent = Color.getHSBColor(hue + 0.45f + (float) random.nextDouble() * 0.1f, Math.min(1, sat + 0.15f), Math.min(1, bright + 0.2f));
    Color accent2 = Color.getHSBColor(hue - 0.12f, sat * 0.8f, Math.min(1, bright + 0.25f));
    Color text = new Color(248, 244, 236);
    return new Palette(top, bottom, accent, accent2, text);
  }

  private static float lerpHue(float a, float b, float t) {
    return a + (b - a) * t;
  }
}
