package io.backbeat.engine.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Per-pixel treatments, applied to whole images or to each layer of a video alike: the style's
 * colour grading (noir grey, vintage sepia, watercolour lightness, neon contrast, sketch paper) and
 * the negative prompt's colours turned away. Works on {@code TYPE_INT_RGB} and {@code TYPE_INT_ARGB}
 * images in place (alpha is kept).
 */
final class ColourFilter {
  private ColourFilter() {}

  /** Grades {@code image} for the styles, then turns every excluded colour away. */
  static void apply(BufferedImage image, Set<ImageStyle> styles, List<Color> excluded) {
    int[] px = pixels(image);
    boolean grade = styles.contains(ImageStyle.NOIR) || styles.contains(ImageStyle.VINTAGE)
        || styles.contains(ImageStyle.WATERCOLOUR) || styles.contains(ImageStyle.SKETCH)
        || styles.contains(ImageStyle.NEON) || styles.contains(ImageStyle.CINEMATIC);
    Exclusion exclusion = new Exclusion(excluded);
    if (!grade && exclusion.isEmpty()) {
      return;
    }
    float[] hsb = new float[3];
    Grading grading = new Grading(styles);
    for (int i = 0; i < px.length; i++) {
      int argb = px[i];
      int a = argb >>> 24;
      int r = (argb >> 16) & 0xff;
      int g = (argb >> 8) & 0xff;
      int b = argb & 0xff;
      if (grade) {
        int[] c = grade(r, g, b, grading);
        r = c[0];
        g = c[1];
        b = c[2];
      }
      int rgb = exclusion.apply((r << 16) | (g << 8) | b, hsb);
      px[i] = (a << 24) | (rgb & 0xffffff);
    }
  }

  /** One colour with the excluded colours turned away (palettes use this before painting). */
  static Color exclude(Color c, List<Color> excluded) {
    return new Color(new Exclusion(excluded).apply(c.getRGB() & 0xffffff, new float[3]));
  }

  /** Light deterministic noise so flat gradients do not band in a still. */
  static void grain(BufferedImage image, long seed, int amount) {
    int[] px = pixels(image);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < px.length; i++) {
      int n = r.nextInt(-amount, amount + 1);
      int argb = px[i];
      px[i] = (argb & 0xff000000)
          | (Colours.clamp255(((argb >> 16) & 0xff) + n) << 16)
          | (Colours.clamp255(((argb >> 8) & 0xff) + n) << 8)
          | Colours.clamp255((argb & 0xff) + n);
    }
  }

  static int[] pixels(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_INT_ARGB) {
      throw new IllegalArgumentException("expected an INT_RGB or INT_ARGB image, got type " + image.getType());
    }
    return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
  }

  /** The styles as flags: looked up once per image, not per pixel. */
  private record Grading(boolean noir, boolean sketch, boolean vintage, boolean watercolour, boolean contrast) {
    Grading(Set<ImageStyle> styles) {
      this(styles.contains(ImageStyle.NOIR), styles.contains(ImageStyle.SKETCH), styles.contains(ImageStyle.VINTAGE),
          styles.contains(ImageStyle.WATERCOLOUR), styles.contains(ImageStyle.NEON) || styles.contains(ImageStyle.CINEMATIC));
    }
  }

  private static int[] grade(int r, int g, int b, Grading styles) {
    if (styles.noir() || styles.sketch()) {
      int y = (r * 299 + g * 587 + b * 114) / 1000;
      if (styles.sketch()) {
        y = 255 - (int) ((255 - y) * 0.75); // graphite on paper: lighter
        return new int[] {Colours.clamp255(y + 6), Colours.clamp255(y + 3), y};
      }
      y = Colours.clamp255((int) ((y - 128) * 1.25 + 128));
      return new int[] {y, y, y};
    }
    if (styles.vintage()) {
      int y = (r * 299 + g * 587 + b * 114) / 1000;
      int sr = Colours.clamp255((int) (y * 1.07 + 28));
      int sg = Colours.clamp255((int) (y * 0.95 + 14));
      int sb = Colours.clamp255((int) (y * 0.78));
      r = (r + 2 * sr) / 3;
      g = (g + 2 * sg) / 3;
      b = (b + 2 * sb) / 3;
    }
    if (styles.watercolour()) {
      r = r + (255 - r) / 4;
      g = g + (255 - g) / 4;
      b = b + (255 - b) / 4;
    }
    if (styles.contrast()) {
      r = Colours.clamp255((int) ((r - 128) * 1.15 + 128));
      g = Colours.clamp255((int) ((g - 128) * 1.15 + 128));
      b = Colours.clamp255((int) ((b - 128) * 1.15 + 128));
    }
    return new int[] {r, g, b};
  }

  /** The negative prompt's colours: chromatic ones by hue band, white and black by brightness. */
  private static final class Exclusion {
    private final List<Float> hues = new ArrayList<>();
    private boolean white;
    private boolean black;

    Exclusion(List<Color> excluded) {
      for (Color c : excluded) {
        float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
        if (Colours.chromatic(c)) {
          hues.add(hsb[0]);
        } else if (hsb[2] > 0.8f) {
          white = true;
        } else if (hsb[2] < 0.2f) {
          black = true;
        }
      }
    }

    boolean isEmpty() {
      return hues.isEmpty() && !white && !black;
    }

    int apply(int rgb, float[] hsb) {
      if (isEmpty()) {
        return rgb;
      }
      Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
      float h = hsb[0];
      float s = hsb[1];
      float v = hsb[2];
      boolean changed = false;
      if (s > Colours.GREY_SATURATION * 0.5f && v > 0.08f) {
        for (float e : hues) {
          if (Colours.hueDistance(h, e) < Colours.EXCLUDED_HUE_BAND) {
            // shifted as a band, so the pixels keep their variety of hue
            float shifted = h + (Colours.safeHue(e, hues) - e);
            h = shifted - (float) Math.floor(shifted);
            changed = true;
            break;
          }
        }
      }
      if (white && v > 0.82f && s < 0.2f) {
        v = 0.7f;
        s = Math.max(s, 0.25f);
        changed = true;
      }
      if (black && v < 0.18f) {
        v = 0.28f;
        changed = true;
      }
      return changed ? Color.HSBtoRGB(h, s, v) & 0xffffff : rgb;
    }
  }
}
