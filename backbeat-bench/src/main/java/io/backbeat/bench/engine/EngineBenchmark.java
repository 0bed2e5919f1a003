package io.backbeat.bench.engine;

import io.backbeat.engine.ClipPlan;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.SongRequest;
import io.backbeat.engine.Studio;
import io.backbeat.engine.StudioConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How fast the local studio renders a song: for each style, both clips of one ~3-minute
 * simple-mode song through {@code Studio.plan} + {@code Studio.renderAll} (MP3s, stems, cover
 * art), on a warm JVM. Prints the results and, with {@code --out}, writes them into their section
 * of a markdown file.
 *
 * <pre>
 * java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *   -cp … io.backbeat.bench.engine.EngineBenchmark [--out docs/benchmarks.md] [--runs 3]
 *   [--style "pop, 100 bpm"]… [--soundfont file.sf2] [--note text]
 * </pre>
 */
public final class EngineBenchmark {
  static final List<String> DEFAULT_STYLES =
      List.of("pop, 100 bpm", "lo-fi hip hop, 80 bpm, mellow", "drum and bass 174 bpm");
  private static final String PROMPT = "a song about the city at night";
  /** Seeds are searched for a song of about three minutes, the length the target is set for. */
  private static final double SONG_MIN = 170;
  private static final double SONG_MAX = 190;
  private static final int SEED_TRIES = 64;

  private EngineBenchmark() {}

  /** Parsed command line. */
  record Options(Path out, int runs, List<String> styles, Path soundFont, String note) {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    Machine machine = Machine.detect();
    String date = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String command = System.getProperty("bench.command",
        "java … io.backbeat.bench.engine.EngineBenchmark " + String.join(" ", args)).strip();
    Path work = Files.createTempDirectory("engine-bench");
    List<SongResult> songs = new ArrayList<>();
    String bank;
    try (Studio studio = new Studio(new StudioConfig(options.soundFont(), work.resolve("work"),
        Runtime.getRuntime().availableProcessors()))) {
      List<SongRequest> requests = new ArrayList<>();
      for (String style : options.styles()) {
        requests.add(threeMinuteSong(studio, style));
      }
      bank = studio.soundBankDescription();
      System.out.printf(Locale.ROOT, "Sound bank: %s%nWarm-up: %s%n", bank, options.styles().get(0));
      render(studio, requests.get(0), work.resolve("warm-up"));
      for (int s = 0; s < requests.size(); s++) {
        SongRequest request = requests.get(s);
        List<Double> walls = new ArrayList<>();
        List<Double> clipSeconds = List.of();
        long peak;
        System.gc(); // start each song from a collected heap so the peaks compare
        try (HeapSampler heap = new HeapSampler()) {
          for (int run = 0; run < options.runs(); run++) {
            long start = System.nanoTime();
            List<RenderedClip> clips = render(studio, request, work.resolve("song-" + s + "-" + run));
            double wall = (System.nanoTime() - start) / 1e9;
            walls.add(wall);
            clipSeconds = clips.stream().map(RenderedClip::durationSeconds).toList();
            System.out.printf(Locale.ROOT, "%s (seed %d): %.2f s%n", request.style(), request.seed(), wall);
          }
          peak = heap.peakBytes();
        }
        songs.add(new SongResult(request.style(), request.seed(), clipSeconds, walls, peak));
      }
    } finally {
      deleteTree(work);
    }
    double endLoad = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String section = BenchmarkDoc.section(
        new BenchmarkDoc.Run(date, command, machine, endLoad, options.runs(),
            bank,
            songs, options.note()));
    System.out.println();
    System.out.print(section);
    if (options.out() != null) {
      Path out = options.out().toAbsolutePath();
      String existing = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : null;
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, BenchmarkDoc.splice(existing, section), StandardCharsets.UTF_8);
      System.out.println("Wrote " + out);
    }
  }

  /** Plan and render both clips; the output is deleted afterwards (stems are large). */
  private static List<RenderedClip> render(Studio studio, SongRequest request, Path dir) throws IOException {
    try {
      return studio.renderAll(studio.plan(request), dir);
    } finally {
      deleteTree(dir);
    }
  }

  /** The first seed whose clips both last about three minutes, else the closest one. */
  static SongRequest threeMinuteSong(Studio studio, String style) {
    SongRequest closest = null;
    double closestError = Double.MAX_VALUE;
    for (long seed = 1; seed <= SEED_TRIES; seed++) {
      SongRequest request = SongRequest.builder().prompt(PROMPT).style(style).seed(seed).build();
      SongPlan plan = studio.plan(request);
      double shortest = plan.clips().stream().mapToDouble(ClipPlan::durationSeconds).min().orElse(0);
      double longest = plan.clips().stream().mapToDouble(ClipPlan::durationSeconds).max().orElse(0);
      if (shortest >= SONG_MIN && longest <= SONG_MAX) {
        return request;
      }
      double error = Math.abs(longest - 180) + Math.abs(shortest - 180);
      if (error < closestError) {
        closestError = error;
        closest = request;
      }
    }
    return closest;
  }

  static Options parse(String[] args) {
    Path out = null;
    int runs = 3;
    List<String> styles = new ArrayList<>();
    Path soundFont = blank(System.getenv("BACKBEAT_SOUNDFONT")) ? null : Path.of(System.getenv("BACKBEAT_SOUNDFONT"));
    String note = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        System.out.println("usage: EngineBenchmark [--out docs/benchmarks.md] [--runs N] [--style TEXT]... "
            + "[--soundfont FILE.sf2] [--note TEXT]");
        System.exit(0);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + arg);
      }
      String value = args[++i];
      switch (arg) {
        case "--out" -> out = Path.of(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--style" -> styles.add(value);
        case "--soundfont" -> soundFont = Path.of(value);
        case "--note" -> note = value;
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
    return new Options(out, runs, styles.isEmpty() ? DEFAULT_STYLES : List.copyOf(styles), soundFont, note);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
