package io.backbeat.engine.image;

import java.awt.Color;
import java.util.List;

/** Small colour arithmetic in HSB and RGB, shared by the palette, the painters and the filters. */
final class Colours {
  /** Half the width of the hue band an excluded colour rules out (a sixth of the wheel each way is ±30°). */
  static final float EXCLUDED_HUE_BAND = 30f / 360f;
  /** Below this saturation a pixel is grey whatever its hue. */
  static final float GREY_SATURATION = 0.18f;

  private Colours() {}

  static Color blend(Color a, Color b, double t) {
    double u = Math.max(0, Math.min(1, t));
    return new Color(
        (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
  }

  static Color alpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.max(0, Math.min(255, alpha)));
  }

  /** Scales saturation and brightness, and shifts hue by {@code hueShift} of a turn. */
  static Color adjust(Color c, float hueShift, float saturation, float brightness) {
    float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
    float h = hsb[0] + hueShift;
    return new Color(Color.HSBtoRGB(h - (float) Math.floor(h), clamp(hsb[1] * saturation), clamp(hsb[2] * brightness)));
  }

  static float hueDistance(float a, float b) {
    float d = Math.abs(a - b) % 1f;
    return Math.min(d, 1f - d);
  }

  /** Whether the colour is chromatic enough for its hue to matter. */
  static boolean chromatic(Color c) {
    float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
    return hsb[1] > 0.25f && hsb[2] > 0.15f;
  }

  /**
   * The hue a pixel in an excluded band is turned to: a third of the wheel away, whichever way lands
   * farther from every excluded hue.
   */
  static float safeHue(float hue, List<Float> excludedHues) {
    float best = hue;
    float bestDistance = -1;
    for (float shift : new float[] {1f / 3, -1f / 3, 0.5f}) {
      float candidate = hue + shift;
      candidate -= (float) Math.floor(candidate);
      float nearest = 1;
      for (float e : excludedHues) {
        nearest = Math.min(nearest, hueDistance(candidate, e));
      }
      if (nearest > bestDistance) {
        bestDistance = nearest;
        best = candidate;
      }
    }
    return best;
  }

  static float clamp(float v) {
    return Math.max(0f, Math.min(1f, v));
  }

  static int clamp255(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
