package io.backbeat.engine.art;

import io.backbeat.engine.compose.Genre;
import io.backbeat.engine.compose.Mood;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws square cover art with Java2D: a palette from genre and mood, a motif per genre family
 * (sun and horizon, rings, angular bars, soft light, waves), film grain, and the title set large
 * with the style as a spaced small-caps line. Deterministic for the same inputs.
 */
public final class CoverArtist {
  public static final int SIZE = 1024;

  /** What the cover shows. */
  public record Cover(String title, String subtitle, Genre genre, Mood mood, long seed) {}

  public BufferedImage paint(Cover cover) {
    return paint(cover, motifOf(cover.genre()));
  }

  /** The cover drawn with {@code motif} instead of its genre's own: another style of the same song. */
  public BufferedImage paint(Cover cover, Motif motif) {
    SplittableRandom random = new SplittableRandom(cover.seed() ^ titleHash(cover.title()));
    Palette palette = Palette.of(cover.genre(), cover.mood(), random);
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setPaint(new GradientPaint(0, 0, palette.top(), SIZE * 0.3f, SIZE, palette.bottom()));
      g.fillRect(0, 0, SIZE, SIZE);
      switch (motif) {
        case SUN -> sun(g, palette, random, cover.genre() == Genre.SYNTHWAVE);
        case RINGS -> rings(g, palette, random);
        case BARS -> bars(g, palette, random);
        case WAVES -> waves(g, palette, random);
        case LIGHT -> light(g, palette, random);
      }
      shade(g);
      title(g, palette, cover.title(), cover.subtitle());
    } finally {
      g.dispose();
    }
    grain(image, random);
    return image;
  }

  public void write(Cover cover, Path file) throws IOException {
    BufferedImage image = paint(cover);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /** The picture under the title: sun and horizon, rings, angular bars, soft light, waves. */
  public enum Motif { SUN, RINGS, BARS, WAVES, LIGHT }

  /** The motif of a genre's family. */
  public static Motif motifOf(Genre genre) {
    return switch (genre) {
      case SYNTHWAVE, LOFI, FOLK, COUNTRY, REGGAE, AFROBEATS, BOSSA_NOVA -> Motif.SUN;
      case HOUSE, TECHNO, TRANCE, DISCO, FUNK, REGGAETON -> Motif.RINGS;
      case DRUM_AND_BASS, DUBSTEP, TRAP, PUNK, METAL, ROCK, HIP_HOP -> Motif.BARS;
      case ORCHESTRAL, AMBIENT -> Motif.WAVES;
      case POP, RNB, JAZZ, BALLAD -> Motif.LIGHT;
    };
  }

  private static void sun(Graphics2D g, Palette p, SplittableRandom r, boolean grid) {
    float cx = SIZE * (0.35f + (float) r.nextDouble() * 0.3f);
    float cy = SIZE * (0.36f + (float) r.nextDouble() * 0.08f);
    float radius = SIZE * (0.2f + (float) r.nextDouble() * 0.08f);
    g.setPaint(new GradientPaint(cx, cy - radius, p.accent2(), cx, cy + radius, p.accent()));
    Ellipse2D.Float disc = new Ellipse2D.Float(cx - radius, cy - radius, radius * 2, radius * 2);
    g.fill(disc);
    // Horizontal cuts across the lower half of the sun, showing the sky behind it.
    Graphics2D cuts = (Graphics2D) g.create();
    cuts.clip(disc);
    cuts.setPaint(new GradientPaint(0, 0, p.top(), SIZE * 0.3f, SIZE, p.bottom()));
    for (int i = 0; i < 6; i++) {
      float y = cy + radius * (0.1f + i * 0.16f);
      cuts.fill(new Rectangle2D.Float(cx - radius, y, radius * 2, 4 + i * 3));
    }
    cuts.dispose();
    float horizon = SIZE * 0.62f;
    if (grid) {
      g.setColor(p.bottom().darker());
      g.fillRect(0, (int) horizon, SIZE, SIZE);
      g.setStroke(new BasicStroke(2.5f));
      g.setColor(withAlpha(p.accent(), 180));
      for (int i = -12; i <= 12; i++) {
        g.drawLine(SIZE / 2 + i * 18, (int) horizon, SIZE / 2 + i * 160, SIZE);
      }
      for (int i = 0; i < 9; i++) {
        float y = horizon + (float) Math.pow(i / 8.0, 2) * (SIZE - horizon);
        g.drawLine(0, (int) y, SIZE, (int) y);
      }
    } else {
      for (int layer = 0; layer < 3; layer++) {
        Path2D.Float hills = new Path2D.Float();
        float base = horizon + layer * SIZE * 0.07f;
        hills.moveTo(0, SIZE);
        hills.lineTo(0, base);
        int peaks = 3 + r.nextInt(3);
        for (int i = 1; i <= peaks; i++) {
          float x = SIZE * i / (float) peaks;
          float h = base - SIZE * (0.04f + (float) r.nextDouble() * 0.1f);
          hills.quadTo(x - SIZE / (2f * peaks), h, x, base - (float) r.nextDouble() * 20);
        }
        hills.lineTo(SIZE, SIZE);
        hills.closePath();
        g.setColor(blend(p.bottom(), Color.BLACK, 0.15f + layer * 0.25f));
        g.fill(hills);
      }
    }
  }

  private static void rings(Graphics2D g, Palette p, SplittableRandom r) {
    float cx = SIZE * (0.3f + (float) r.nextDouble() * 0.4f);
    float cy = SIZE * (0.3f + (float) r.nextDouble() * 0.2f);
    int count = 8 + r.nextInt(8);
    for (int i = count; i >= 1; i--) {
      float radius = SIZE * 0.06f * i;
      g.setStroke(new BasicStroke(3 + r.nextInt(14)));
      g.setColor(withAlpha(i % 2 == 0 ? p.accent() : p.accent2(), 90 + r.nextInt(120)));
      g.draw(new Ellipse2D.Float(cx - radius, cy - radius, radius * 2, radius * 2));
    }
    g.setColor(p.accent());
    float core = SIZE * 0.05f;
    g.fill(new Ellipse2D.Float(cx - core, cy - core, core * 2, core * 2));
  }

  private static void bars(Graphics2D g, Palette p, SplittableRandom r) {
    double angle = Math.toRadians(-20 - r.nextInt(30));
    Graphics2D g2 = (Graphics2D) g.create();
    g2.rotate(angle, SIZE / 2.0, SIZE / 2.0);
    int count = 6 + r.nextInt(6);
    for (int i = 0; i < count; i++) {
      float y = (float) (r.nextDouble() * SIZE * 1.4 - SIZE * 0.2);
      float h = SIZE * (0.01f + (float) r.nextDouble() * 0.08f);
      g2.setColor(withAlpha(i % 3 == 0 ? p.accent2() : p.accent(), 120 + r.nextInt(135)));
      g2.fill(new Rectangle2D.Float(-SIZE * 0.5f, y, SIZE * 2f, h));
    }
    g2.dispose();
  }

  private static void waves(Graphics2D g, Palette p, SplittableRandom r) {
    int lines = 18 + r.nextInt(10);
    double freq = 1.5 + r.nextDouble() * 2;
    g.setStroke(new BasicStroke(2.2f));
    for (int i = 0; i < lines; i++) {
      Path2D.Float wave = new Path2D.Float();
      float base = SIZE * 0.2f + i * SIZE * 0.5f / lines;
      double phase = r.nextDouble() * 0.6 + i * 0.15;
      for (int x = 0; x <= SIZE; x += 8) {
        double y = base + Math.sin(x / (double) SIZE * Math.PI * 2 * freq + phase) * SIZE * 0.05 * (1 + i / (double) lines);
        if (x == 0) {
          wave.moveTo(x, y);
        } else {
          wave.lineTo(x, y);
        }
      }
      g.setColor(withAlpha(blend(p.accent(), p.accent2(), i / (float) lines), 110 + i * 5));
      g.draw(wave);
    }
  }

  private static void light(Graphics2D g, Palette p, SplittableRandom r) {
    int blobs = 4 + r.nextInt(4);
    for (int i = 0; i < blobs; i++) {
      float cx = (float) r.nextDouble() * SIZE;
      float cy = (float) r.nextDouble() * SIZE * 0.7f;
      float radius = SIZE * (0.15f + (float) r.nextDouble() * 0.3f);
      Color c = i % 2 == 0 ? p.accent() : p.accent2();
      g.setPaint(new RadialGradientPaint(cx, cy, radius, new float[] {0f, 1f},
          new Color[] {withAlpha(c, 170), withAlpha(c, 0)}));
      g.fill(new Ellipse2D.Float(cx - radius, cy - radius, radius * 2, radius * 2));
    }
  }

  /** Darkens the lower part so the title reads on any motif. */
  private static void shade(Graphics2D g) {
    g.setPaint(new GradientPaint(0, SIZE * 0.5f, new Color(0, 0, 0, 0), 0, SIZE, new Color(0, 0, 0, 190)));
    g.fillRect(0, SIZE / 2, SIZE, SIZE / 2);
  }

  private static void title(Graphics2D g, Palette p, String title, String subtitle) {
    int margin = 72;
    int width = SIZE - 2 * margin;
    String text = title == null || title.isBlank() ? "Untitled" : title.strip();
    Font font = null;
    List<String> lines = List.of();
    for (int size = 132; size >= 40; size -= 4) {
      font = new Font(Font.SANS_SERIF, Font.BOLD, size);
      FontMetrics fm = g.getFontMetrics(font);
      lines = wrap(text, fm, width);
      if (lines.size() <= 3 && lines.stream().allMatch(l -> fm.stringWidth(l) <= width)) {
        break;
      }
    }
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    int lineHeight = (int) (fm.getAscent() * 1.05);
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 30);
    int bottom = SIZE - margin - 40;
    int y = bottom - (lines.size() - 1) * lineHeight;
    for (String line : lines) {
      g.setColor(new Color(0, 0, 0, 110));
      g.drawString(line, margin + 4, y + 5);
      g.setColor(p.text());
      g.drawString(line, margin, y);
      y += lineHeight;
    }
    // An accent rule above the title and the style in spaced capitals below it.
    g.setColor(p.accent());
    int ruleY = bottom - (lines.size() - 1) * lineHeight - fm.getAscent() - 28;
    g.fillRect(margin, ruleY, 96, 8);
    if (subtitle != null && !subtitle.isBlank()) {
      g.setFont(small);
      g.setColor(withAlpha(p.text(), 210));
      String caps = spaced(subtitle.toUpperCase(Locale.ROOT));
      FontMetrics sm = g.getFontMetrics();
      while (sm.stringWidth(caps) > width && caps.length() > 4) {
        caps = caps.substring(0, caps.length() - 4).strip() + "…";
      }
      g.drawString(caps, margin, SIZE - margin + 8);
    }
  }

  private static List<String> wrap(String text, FontMetrics fm, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (fm.stringWidth(candidate) <= width || line.isEmpty()) {
        line.setLength(0);
        line.append(candidate);
      } else {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static String spaced(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      b.append(s.charAt(i));
      if (i + 1 < s.length()) {
        b.append('\u2009');
      }
    }
    return b.toString();
  }

  /** Film grain: light deterministic noise so flat gradients do not band. */
  private static void grain(BufferedImage image, SplittableRandom r) {
    int[] row = new int[SIZE];
    for (int y = 0; y < SIZE; y++) {
      image.getRGB(0, y, SIZE, 1, row, 0, SIZE);
      for (int x = 0; x < SIZE; x++) {
        int n = r.nextInt(-9, 10);
        int rgb = row[x];
        int red = clamp(((rgb >> 16) & 0xff) + n);
        int green = clamp(((rgb >> 8) & 0xff) + n);
        int blue = clamp((rgb & 0xff) + n);
        row[x] = (red << 16) | (green << 8) | blue;
      }
      image.setRGB(0, y, SIZE, 1, row, 0, SIZE);
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static Color withAlpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.max(0, Math.min(255, alpha)));
  }

  private static Color blend(Color a, Color b, float t) {
    return new Color(
        Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
        Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
        Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
  }

  private static long titleHash(String title) {
    long h = 1125899906842597L;
    String t = title == null ? "" : title;
    for (int i = 0; i < t.length(); i++) {
      h = 31 * h + t.charAt(i);
    }
    return h;
  }
}
