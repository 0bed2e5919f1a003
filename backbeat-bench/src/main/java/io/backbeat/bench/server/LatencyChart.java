package io.backbeat.bench.server;

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
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;

/**
 * Latency by percentile, drawn with Java2D: x is the percentile on HdrHistogram's usual log scale
 * (50, 90, 99, 99.9 … equally spaced), y the latency in milliseconds on a log scale, one line per run.
 */
final class LatencyChart {
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };
  private static final int W = 900;
  private static final int H = 520;
  private static final int LEFT = 70;
  private static final int RIGHT = 260;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  /** 0 → 0 %, 1 → 90 %, 2 → 99 %, 3 → 99.9 %, 4 → 99.99 %. */
  private static final double MAX_NINES = 4;

  private LatencyChart() {}

  static void write(Path file, String title, List<LoadGenerator.Result> runs) throws IOException {
    double minMs = Double.MAX_VALUE;
    double maxMs = 0;
    for (LoadGenerator.Result run : runs) {
      if (run.micros().getTotalCount() == 0) {
        continue;
      }
      minMs = Math.min(minMs, Math.max(0.001, run.micros().getMinValue() / 1000.0));
      maxMs = Math.max(maxMs, run.micros().getMaxValue() / 1000.0);
    }
    if (maxMs == 0) {
      minMs = 0.01;
      maxMs = 1;
    }
    double logMin = Math.floor(Math.log10(minMs));
    double logMax = Math.ceil(Math.log10(maxMs));
    if (logMax <= logMin) {
      logMax = logMin + 1;
    }
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    // grid and axes
    g.setColor(new Color(0xdddddd));
    for (double d = logMin; d <= logMax; d++) {
      int y = TOP + plotH - (int) Math.round((d - logMin) / (logMax - logMin) * plotH);
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label(Math.pow(10, d)) + " ms", 5, y + 4);
      g.setColor(new Color(0xdddddd));
    }
    String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%"};
    for (int i = 0; i <= MAX_NINES; i++) {
      int x = LEFT + (int) Math.round(i / MAX_NINES * plotW);
      g.drawLine(x, TOP, x, TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      g.drawString(xLabels[i], x - 12, TOP + plotH + 18);
      g.setColor(new Color(0xdddddd));
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("percentile", LEFT + plotW / 2 - 30, H - 12);
    // one line per run
    g.setStroke(new BasicStroke(2f));
    for (int r = 0; r < runs.size(); r++) {
      LoadGenerator.Result run = runs.get(r);
      Histogram h = run.micros();
      g.setColor(COLORS[r % COLORS.length]);
      if (h.getTotalCount() > 0) {
        int lastX = -1;
        int lastY = -1;
        for (int step = 0; step <= 400; step++) {
          double nines = step / 400.0 * MAX_NINES;
          double percentile = 100 * (1 - Math.pow(10, -nines));
          double ms = Math.max(Math.pow(10, logMin), h.getValueAtPercentile(percentile) / 1000.0);
          int x = LEFT + (int) Math.round(nines / MAX_NINES * plotW);
          int y = TOP + plotH - (int) Math.round((Math.log10(ms) - logMin) / (logMax - logMin) * plotH);
          if (lastX >= 0) {
            g.drawLine(lastX, lastY, x, y);
          }
          lastX = x;
          lastY = y;
        }
      }
      int ly = TOP + 10 + r * 20;
      g.drawLine(LEFT + plotW + 15, ly, LEFT + plotW + 35, ly);
      g.setColor(Color.BLACK);
      g.drawString(run.name(), LEFT + plotW + 42, ly + 4);
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static String label(double ms) {
    return ms >= 1 ? String.format("%.0f", ms) : String.format("%s", ms).replaceAll("0+$", "");
  }
}
