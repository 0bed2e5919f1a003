package io.backbeat.engine.image;

import static io.backbeat.engine.image.Colours.blend;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What reference images give a scene: the first, drawn to fill the canvas (cropped to its aspect,
 * never stretched), is the base layer; all of them give colours — the average of their top third
 * tints the sky, of their bottom third the ground, and their most saturated region the accent.
 */
public final class ReferenceImages {
  private ReferenceImages() {}

  /** Draws {@code image} scaled to cover {@code width × height}, centred, cropping what overflows. */
  public static void drawCover(Graphics2D g, BufferedImage image, int width, int height) {
    double scale = Math.max(width / (double) image.getWidth(), height / (double) image.getHeight());
    int dw = (int) Math.ceil(image.getWidth() * scale);
    int dh = (int) Math.ceil(image.getHeight() * scale);
    Graphics2D c = (Graphics2D) g.create();
    c.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    c.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    c.drawImage(image, (width - dw) / 2, (height - dh) / 2, dw, dh, null);
    c.dispose();
  }

  /** The palette moved most of the way towards the references' colours. */
  static ScenePalette palette(ScenePalette base, List<BufferedImage> references) {
    if (references.isEmpty()) {
      return base;
    }
    long[] top = new long[4];
    long[] bottom = new long[4];
    Color accent = null;
    float bestSaturation = -1;
    for (BufferedImage image : references) {
      int stepX = Math.max(1, image.getWidth() / 48);
      int stepY = Math.max(1, image.getHeight() / 48);
      for (int y = 0; y < image.getHeight(); y += stepY) {
        for (int x = 0; x < image.getWidth(); x += stepX) {
          int rgb = image.getRGB(x, y);
          long[] bucket = y < image.getHeight() / 3 ? top : y >= image.getHeight() * 2 / 3 ? bottom : null;
          if (bucket != null) {
            bucket[0] += (rgb >> 16) & 0xff;
            bucket[1] += (rgb >> 8) & 0xff;
            bucket[2] += rgb & 0xff;
            bucket[3]++;
          }
          float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
          float score = hsb[1] * hsb[2];
          if (score > bestSaturation) {
            bestSaturation = score;
            accent = new Color(rgb & 0xffffff);
          }
        }
      }
    }
    Color sky = mean(top);
    Color ground = mean(bottom);
    double k = 0.7;
    return new ScenePalette(blend(base.skyTop(), sky, k), blend(base.skyBottom(), blend(sky, ground, 0.3), k),
        blend(base.far(), blend(sky, ground, 0.6), k), blend(base.mid(), ground, k), blend(base.near(), ground.darker(), k),
        accent == null ? base.accent() : blend(base.accent(), accent, k), base.accent2(), base.light());
  }

  private static Color mean(long[] sum) {
    if (sum[3] == 0) {
      return Color.GRAY;
    }
    return new Color((int) (sum[0] / sum[3]), (int) (sum[1] / sum[3]), (int) (sum[2] / sum[3]));
  }
}
