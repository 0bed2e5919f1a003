package io.backbeat.bench.engine;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Render time against song length, drawn with Java2D: x is the longer clip's length, y the wall
 * time for both clips; the studio and FluidSynth (same MIDI) as two lines, and the target (6 s for a
 * 3-minute song) as a dashed line scaled to each length.
 */
public final class RenderTimeChart {
  public static final int W = 900;
  public static final int H = 520;
  private static final int LEFT = 70;
  private static final int RIGHT = 200;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final Color STUDIO = new Color(0x1f77b4);
  private static final Color FLUID = new Color(0xff7f0e);
  private static final Color TARGET = new Color(0x2ca02c);
  /** Both clips of a 3-minute song in 6 s: the target, 2 s of render per minute of song. */
  public static final double TARGET_SECONDS_PER_SECOND = 6.0 / 180;

  private RenderTimeChart() {}

  public static void write(Path file, String title, List<SongRenderBenchmark.Point> points) throws IOException {
    double minX = points.stream().mapToDouble(SongRenderBenchmark.Point::clipSeconds).min().orElse(0);
    double maxX = points.stream().mapToDouble(SongRenderBenchmark.Point::clipSeconds).max().orElse(1);
    minX = Math.floor(minX / 30 - 1) * 30;
    maxX = Math.ceil(maxX / 30 + 1) * 30;
    double maxY = points.stream().mapToDouble(p -> Math.max(p.studioSeconds(), p.fluidSynthSeconds())).max().orElse(1);
    maxY = Math.max(maxY, maxX * TARGET_SECONDS_PER_SECOND);
    maxY = Math.ceil(maxY * 1.1);
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    Axis x = new Axis(minX, maxX, LEFT, LEFT + plotW);
    Axis y = new Axis(0, maxY, TOP + plotH, TOP);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double yStep = Math.max(1, Math.ceil(maxY / 8));
    for (double v = 0; v <= maxY; v += yStep) {
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT, y.px(v), LEFT + plotW, y.px(v));
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.0f s", v), 10, y.px(v) + 4);
    }
    for (double v = minX; v <= maxX; v += 30) {
      g.setColor(new Color(0xdddddd));
      g.drawLine(x.px(v), TOP, x.px(v), TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%d:%02d", (int) v / 60, (int) v % 60), x.px(v) - 12, TOP + plotH + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("song length (longer clip)", LEFT + plotW / 2 - 70, H - 12);
    g.setColor(TARGET);
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    g.drawLine(x.px(minX), y.px(minX * TARGET_SECONDS_PER_SECOND), x.px(maxX), y.px(maxX * TARGET_SECONDS_PER_SECOND));
    series(g, points, SongRenderBenchmark.Point::studioSeconds, x, y, STUDIO);
    if (points.stream().anyMatch(p -> p.fluidSynthSeconds() >= 0)) {
      series(g, points.stream().filter(p -> p.fluidSynthSeconds() >= 0).toList(), SongRenderBenchmark.Point::fluidSynthSeconds, x, y, FLUID);
    }
    legend(g, 0, STUDIO, "studio, both clips");
    legend(g, 1, FLUID, "FluidSynth, same MIDI");
    legend(g, 2, TARGET, "target, 6 s per 3:00");
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static void series(Graphics2D g, List<SongRenderBenchmark.Point> points, ToDoubleFunction<SongRenderBenchmark.Point> value,
      Axis x, Axis y, Color color) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    for (int i = 0; i < points.size(); i++) {
      int px = x.px(points.get(i).clipSeconds());
      int py = y.px(value.applyAsDouble(points.get(i)));
      g.fillOval(px - 4, py - 4, 8, 8);
      if (i > 0) {
        g.drawLine(x.px(points.get(i - 1).clipSeconds()), y.px(value.applyAsDouble(points.get(i - 1))), px, py);
      }
    }
  }

  private static void legend(Graphics2D g, int row, Color color, String label) {
    int lx = W - RIGHT + 15;
    int ly = TOP + 10 + row * 20;
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    g.drawLine(lx, ly, lx + 20, ly);
    g.setColor(Color.BLACK);
    g.drawString(label, lx + 27, ly + 4);
  }

  private record Axis(double from, double to, int pxFrom, int pxTo) {
    int px(double v) {
      return pxFrom + (int) Math.round((v - from) / (to - from) * (pxTo - pxFrom));
    }
  }
}
