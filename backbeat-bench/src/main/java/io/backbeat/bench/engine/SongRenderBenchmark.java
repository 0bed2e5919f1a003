package io.backbeat.bench.engine;

import io.backbeat.engine.ClipPlan;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.SongRequest;
import io.backbeat.engine.Studio;
import io.backbeat.engine.StudioConfig;
import io.backbeat.engine.render.SoundBank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The song figures of {@code ./backbeat bench}: both clips of a ~3-minute simple-mode song with
 * stems, MP3s and art through {@code Studio.plan} + {@code Studio.renderAll} on a warm JVM, then
 * songs of other lengths for the chart of render time against song length; beside each, FluidSynth
 * rendering the same MIDI with the same SoundFont when it is installed. Bounded: a fixed list of
 * songs, one run each, three for the 3-minute song unless {@code --quick}.
 */
public final class SongRenderBenchmark {
  public static final String STYLE = "pop, 100 bpm";
  private static final String PROMPT = "a song about the city at night";

  /** One song: its longer clip's length, the studio's wall time for both clips, FluidSynth's (-1: not run). */
  public record Point(long seed, double clipSeconds, double studioSeconds, double fluidSynthSeconds) {}

  /** The 3-minute song's runs and the chart's points (the 3-minute song among them). */
  public record Figures(String soundBank, Point threeMinute, List<Double> threeMinuteRuns, List<Point> byLength,
      String fluidSynth) {}

  private SongRenderBenchmark() {}

  public static Figures run(Path soundFont, boolean quick, Path work) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path font = soundFont != null ? soundFont : SoundBank.DEFAULT_SOUNDFONT;
    Optional<FluidSynthAnchor> fluid = Files.isRegularFile(font) ? FluidSynthAnchor.find() : Optional.empty();
    try (Studio studio = new Studio(new StudioConfig(soundFont, work.resolve("work"), Runtime.getRuntime().availableProcessors()))) {
      SongRequest three = EngineBenchmark.threeMinuteSong(studio, STYLE);
      List<SongRequest> others = shorter(three, quick);
      String bank = studio.soundBankDescription();
      step("song: warm-up render (not counted)");
      studio.renderAll(studio.plan(others.get(0)), work.resolve("warm-up"));
      EngineBenchmark.deleteTree(work.resolve("warm-up"));
      List<Double> runs = new ArrayList<>();
      Point threePoint = null;
      for (int run = 0; run < (quick ? 1 : 3); run++) {
        Point p = measure(studio, three, fluid.filter(f -> runs.isEmpty()), font, work);
        runs.add(p.studioSeconds());
        threePoint = threePoint == null ? p : new Point(p.seed(), p.clipSeconds(), median(runs), threePoint.fluidSynthSeconds());
      }
      List<Point> points = new ArrayList<>(List.of(threePoint));
      for (SongRequest other : others) {
        points.add(measure(studio, other, fluid, font, work));
      }
      points.sort(Comparator.comparingDouble(Point::clipSeconds));
      return new Figures(bank, threePoint, runs, points, fluid.isPresent() ? "FluidSynth, " + font.getFileName() : null);
    }
  }

  /**
   * The chart's other songs: the 3-minute song itself cut shorter by {@code maxLength} (the planner
   * ends it at a section boundary under the cap), so the points differ in length and little else.
   */
  public static List<SongRequest> shorter(SongRequest song, boolean quick) {
    List<Integer> caps = quick ? List.of(30, 60) : List.of(45, 90, 135); // quick: fewer and shorter renders, same song
    return caps.stream().map(s -> song.toBuilder().maxLength(Duration.ofSeconds(s)).build()).toList();
  }

  private static Point measure(Studio studio, SongRequest request, Optional<FluidSynthAnchor> fluid, Path font, Path work)
      throws IOException, InterruptedException {
    SongPlan plan = studio.plan(request);
    Path out = work.resolve("song-" + request.seed());
    long started = System.nanoTime();
    studio.renderAll(plan, out);
    double studioSeconds = (System.nanoTime() - started) / 1e9;
    EngineBenchmark.deleteTree(out);
    double fluidSeconds = -1;
    if (fluid.isPresent()) {
      Files.createDirectories(out);
      List<Path> midis = new ArrayList<>();
      for (ClipPlan clip : plan.clips()) {
        Path midi = out.resolve("clip-" + clip.index() + ".mid");
        SongMidi.write(clip.arrangement(), SongMidi.playedParts(clip.arrangement(), clip.voice() != null), midi);
        midis.add(midi);
      }
      fluidSeconds = fluid.get().render(font, midis, Duration.ofMinutes(2)).toNanos() / 1e9;
      for (Path midi : midis) {
        if (Files.size(FluidSynthAnchor.wavOf(midi)) < 44 + 44100 * 4) {
          throw new IOException("fluidsynth wrote less than a second of audio for " + midi);
        }
      }
      EngineBenchmark.deleteTree(out);
    }
    Point point = new Point(request.seed(), longest(plan), studioSeconds, fluidSeconds);
    System.out.printf(Locale.ROOT, "  song seed %d (%.0f s clips): studio %.2f s, FluidSynth %s%n", point.seed(), point.clipSeconds(),
        studioSeconds, fluidSeconds < 0 ? "—" : String.format(Locale.ROOT, "%.2f s", fluidSeconds));
    return point;
  }

  private static double longest(SongPlan plan) {
    return plan.clips().stream().mapToDouble(ClipPlan::durationSeconds).max().orElse(0);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void step(String what) {
    System.out.println("bench: " + what);
  }
}
