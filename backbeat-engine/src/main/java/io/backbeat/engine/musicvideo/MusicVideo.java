package io.backbeat.engine.musicvideo;

import io.backbeat.engine.WordTiming;
import io.backbeat.engine.encode.Mp4Writer;
import io.backbeat.engine.encode.WavReader;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A music video of one clip, 1280×720 H.264 + AAC with the index first ({@link Mp4Writer}): the
 * cover art on a darkened, enlarged copy of itself, the title and the author, a scrolling waveform
 * of the audio around the playhead (each bar the peak of one slice of the real samples), the lyric
 * line being sung with the words sung so far lit (from the clip's word timings), and an optional
 * watermark at the bottom. The video is exactly as long as the audio.
 *
 * <p>Memory: the soundtrack is read twice from its WAV, never held: once for the waveform's peaks
 * (one float per {@value #BAR_SECONDS} s slice, about 46 kB for 8 minutes) and once, chunk by chunk,
 * by the encoder; frames are painted one at a time onto one reused canvas.
 */
public final class MusicVideo {
  public static final int WIDTH = 1280;
  public static final int HEIGHT = 720;
  public static final double FPS = 24;
  /** Waveform bars and the time each one covers. */
  static final int BARS = 96;
  static final double BAR_SECONDS = 1 / 24.0;
  /** A new lyric line after a pause this long, or after this many words. */
  static final double LINE_GAP_SECONDS = 0.9;
  static final int LINE_WORDS = 7;

  /**
   * What the video shows.
   *
   * @param audio the soundtrack: a 16-bit PCM WAV (44.1 kHz stereo, as the clip's WAV export)
   * @param author shown under the title, or null
   * @param watermark drawn at the bottom of every frame, or null
   */
  public record Request(Path audio, BufferedImage cover, String title, String author, String watermark, List<WordTiming> words) {
    public Request {
      Objects.requireNonNull(audio, "audio is null");
      Objects.requireNonNull(cover, "cover is null");
      title = title == null ? "" : title;
      words = words == null ? List.of() : List.copyOf(words);
    }
  }

  /** A lyric line: its words, from the first word's start to the last one's end. */
  record Line(List<WordTiming> words, double startS, double endS) {}

  private MusicVideo() {}

  public static Mp4Writer.Written render(Request request, Path out) throws IOException {
    Peaks peaks = Peaks.of(request.audio());
    Scene scene = new Scene(request, peaks, lines(request.words()));
    try (WavReader soundtrack = new WavReader(request.audio())) {
      int channels = Math.min(2, soundtrack.channels());
      Mp4Writer.AudioSource source =
          new Mp4Writer.AudioSource() {
            @Override
            public int channels() {
              return channels;
            }

            @Override
            public int read(float[][] into, int offset, int count) throws IOException {
              return soundtrack.read(into, offset, count);
            }
          };
      return Mp4Writer.builder()
          .size(WIDTH, HEIGHT)
          .fps(FPS)
          .durationSeconds(peaks.seconds())
          .audio(source, soundtrack.sampleRate())
          .tag("title", request.title())
          .tag("artist", request.author())
          .build()
          .write(out, (canvas, index, at) -> scene.paint(canvas, at));
    }
  }

  /** The soundtrack's peak level per {@value #BAR_SECONDS} s slice, read in one streaming pass. */
  record Peaks(float[] slices, double seconds) {
    static Peaks of(Path wav) throws IOException {
      try (WavReader reader = new WavReader(wav)) {
        int rate = reader.sampleRate();
        long frames = reader.frames();
        double perSlice = rate * BAR_SECONDS;
        float[] slices = new float[(int) Math.ceil(frames / perSlice) + 1];
        int block = 1 << 15;
        float[][] buffer = new float[reader.channels()][block];
        long at = 0;
        int got;
        while ((got = reader.read(buffer, 0, block)) > 0) {
          for (float[] channel : buffer) {
            for (int i = 0; i < got; i++) {
              int slice = (int) ((at + i) / perSlice);
              slices[slice] = Math.max(slices[slice], Math.abs(channel[i]));
            }
          }
          at += got;
        }
        return new Peaks(slices, frames / (double) rate);
      }
    }

    /** The loudest slice between the two times. */
    float peak(double fromS, double toS) {
      int from = (int) Math.max(0, Math.floor(fromS / BAR_SECONDS + 1e-6));
      int to = (int) Math.min(slices.length, Math.ceil(toS / BAR_SECONDS - 1e-6));
      float peak = 0;
      for (int i = from; i < to; i++) {
        peak = Math.max(peak, slices[i]);
      }
      return peak;
    }
  }

  /** Words grouped into lines at pauses and every {@value #LINE_WORDS} words. */
  static List<Line> lines(List<WordTiming> words) {
    List<Line> lines = new ArrayList<>();
    List<WordTiming> current = new ArrayList<>();
    for (WordTiming word : words) {
      if (!current.isEmpty()
          && (word.startS() - current.get(current.size() - 1).endS() > LINE_GAP_SECONDS || current.size() >= LINE_WORDS)) {
        lines.add(new Line(List.copyOf(current), current.get(0).startS(), current.get(current.size() - 1).endS()));
        current.clear();
      }
      current.add(word);
    }
    if (!current.isEmpty()) {
      lines.add(new Line(List.copyOf(current), current.get(0).startS(), current.get(current.size() - 1).endS()));
    }
    return lines;
  }

  /** The line shown at {@code t}: from a little before it starts until the next one is due. */
  static Line lineAt(List<Line> lines, double t) {
    Line shown = null;
    for (Line line : lines) {
      if (line.startS() - 0.4 <= t) {
        shown = line;
      } else {
        break;
      }
    }
    return shown != null && t <= shown.endS() + 1.5 ? shown : null;
  }

  /** Paints frames; the still parts are drawn once. */
  private static final class Scene {
    private final Request request;
    private final Peaks peaks;
    private final List<Line> lines;
    private final BufferedImage still;
    private final Font lyricFont = new Font(Font.SANS_SERIF, Font.BOLD, 38);

    Scene(Request request, Peaks peaks, List<Line> lines) {
      this.request = request;
      this.peaks = peaks;
      this.lines = lines;
      this.still = still(request);
    }

    void paint(BufferedImage canvas, double t) {
      Graphics2D g = canvas.createGraphics();
      try {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.drawImage(still, 0, 0, null);
        waveform(g, t);
        lyric(g, t);
        progress(g, t);
      } finally {
        g.dispose();
      }
    }

    /** Peaks of the audio in slices around the playhead: the past to the left, the future to the right. */
    private void waveform(Graphics2D g, double t) {
      int left = 620;
      int right = WIDTH - 60;
      int mid = 430;
      double barWidth = (right - left) / (double) BARS;
      for (int b = 0; b < BARS; b++) {
        double from = t + (b - BARS / 2) * BAR_SECONDS;
        float peak = peak(from, from + BAR_SECONDS);
        int h = (int) Math.max(2, Math.min(110, Math.sqrt(peak) * 110));
        boolean played = b < BARS / 2;
        g.setColor(played ? new Color(255, 255, 255, 230) : new Color(255, 255, 255, 90));
        int x = (int) (left + b * barWidth);
        g.fillRect(x, mid - h, Math.max(2, (int) barWidth - 2), h * 2);
      }
      g.setColor(new Color(255, 80, 120));
      g.fillRect(left + (int) (BARS / 2 * barWidth) - 1, mid - 118, 3, 236);
    }

    private float peak(double fromS, double toS) {
      return peaks.peak(fromS, toS);
    }

    /** The current lyric line, centred below the waveform; words already sung are lit. */
    private void lyric(Graphics2D g, double t) {
      Line line = lineAt(lines, t);
      if (line == null) {
        return;
      }
      g.setFont(lyricFont);
      FontMetrics fm = g.getFontMetrics();
      String space = " ";
      int width = 0;
      for (WordTiming word : line.words()) {
        width += fm.stringWidth(word.word()) + fm.stringWidth(space);
      }
      double scale = Math.min(1, (WIDTH - 120) / (double) Math.max(1, width));
      if (scale < 1) {
        g.setFont(lyricFont.deriveFont((float) (lyricFont.getSize() * scale)));
        fm = g.getFontMetrics();
        width = 0;
        for (WordTiming word : line.words()) {
          width += fm.stringWidth(word.word()) + fm.stringWidth(space);
        }
      }
      int x = (WIDTH - width) / 2;
      int y = 640;
      for (WordTiming word : line.words()) {
        boolean sung = word.startS() <= t;
        g.setColor(new Color(0, 0, 0, 160));
        g.drawString(word.word(), x + 2, y + 2);
        g.setColor(sung ? new Color(255, 214, 90) : new Color(235, 235, 235));
        g.drawString(word.word(), x, y);
        x += fm.stringWidth(word.word()) + fm.stringWidth(space);
      }
    }

    private void progress(Graphics2D g, double t) {
      double total = peaks.seconds();
      g.setColor(new Color(255, 255, 255, 60));
      g.fillRect(0, HEIGHT - 6, WIDTH, 6);
      g.setColor(new Color(255, 80, 120));
      g.fillRect(0, HEIGHT - 6, (int) (WIDTH * Math.min(1, t / total)), 6);
    }

    /** Background (the cover enlarged and darkened), the cover, title, author and watermark. */
    private static BufferedImage still(Request request) {
      BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = image.createGraphics();
      try {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        // a coarse copy scaled up reads as a blur of the cover's colours
        BufferedImage small = new BufferedImage(32, 18, BufferedImage.TYPE_INT_RGB);
        Graphics2D s = small.createGraphics();
        s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        s.drawImage(request.cover(), 0, 0, 32, 18, null);
        s.dispose();
        g.drawImage(small, 0, 0, WIDTH, HEIGHT, null);
        g.setPaint(new GradientPaint(0, 0, new Color(0, 0, 0, 150), 0, HEIGHT, new Color(0, 0, 0, 210)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int size = 440;
        int x = 80;
        int y = 70;
        g.setColor(new Color(0, 0, 0, 120));
        g.fill(new RoundRectangle2D.Float(x + 8, y + 10, size, size, 24, 24));
        g.setClip(new RoundRectangle2D.Float(x, y, size, size, 24, 24));
        g.drawImage(request.cover(), x, y, size, size, null);
        g.setClip(null);
        g.setStroke(new BasicStroke(2));
        g.setColor(new Color(255, 255, 255, 60));
        g.draw(new RoundRectangle2D.Float(x, y, size, size, 24, 24));

        g.setColor(Color.WHITE);
        Font titleFont = fit(g, new Font(Font.SANS_SERIF, Font.BOLD, 56), request.title(), WIDTH - 620 - 60);
        g.setFont(titleFont);
        g.drawString(request.title(), 620, 170);
        if (request.author() != null && !request.author().isBlank()) {
          g.setColor(new Color(255, 255, 255, 200));
          g.setFont(fit(g, new Font(Font.SANS_SERIF, Font.PLAIN, 32), request.author(), WIDTH - 620 - 60));
          g.drawString(request.author(), 620, 225);
        }
        if (request.watermark() != null && !request.watermark().isBlank()) {
          g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.7f));
          g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
          FontMetrics fm = g.getFontMetrics();
          g.setColor(Color.WHITE);
          g.drawString(request.watermark(), (WIDTH - fm.stringWidth(request.watermark())) / 2, HEIGHT - 22);
        }
      } finally {
        g.dispose();
      }
      return image;
    }

    private static Font fit(Graphics2D g, Font font, String text, int width) {
      Font f = font;
      while (f.getSize() > 14 && g.getFontMetrics(f).stringWidth(text) > width) {
        f = f.deriveFont((float) (f.getSize() - 2));
      }
      return f;
    }
  }
}
