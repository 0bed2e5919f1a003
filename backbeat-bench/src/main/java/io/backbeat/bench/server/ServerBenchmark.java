package io.backbeat.bench.server;

import io.backbeat.bench.engine.Machine;
import io.backbeat.bench.engine.RenderTimeChart;
import io.backbeat.bench.engine.SongRenderBenchmark;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./backbeat bench}: the server's figures and, in the same run and process tree, the anchors
 * it starts itself on loopback (a bare JDK HttpServer serving the bytes of a real poll, raw
 * single-row SQLite inserts through the same driver). Prints each figure with its ratio to its
 * anchor and writes its section of {@code docs/benchmarks.md} with a latency chart. Benchmarks,
 * never assertions: nothing here fails on a slow figure.
 */
public final class ServerBenchmark {
  public static final String START = "<!-- server-benchmark:start -->";
  public static final String END = "<!-- server-benchmark:end -->";
  private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([0-9a-f]+)\"");

  /**
   * How long and how much each load runs; every loop is bounded in count and in time. The create
   * runs have their own, smaller count in the quick form: every accepted create queues a task whose
   * callback the lifecycle run waits for, so their count sets how long that backlog takes to drain.
   */
  record Sizes(Duration warmUp, Duration run, long maxRequests, long maxCreates, int lifecycleTasks, int inFlightTasks,
      Duration drainWait, Duration lifecycleWait) {
    static Sizes quick() {
      return new Sizes(Duration.ofSeconds(1), Duration.ofSeconds(2), 2_000_000, 400, 300, 1000, Duration.ofSeconds(45),
          Duration.ofSeconds(30));
    }

    static Sizes full() {
      return new Sizes(Duration.ofSeconds(5), Duration.ofSeconds(15), 20_000_000, 20_000_000, 3000, 1000, Duration.ofSeconds(600),
          Duration.ofSeconds(180));
    }
  }

  record Figure(String name, String value, String anchorName, String anchorValue, String ratio, String target) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Path serverJar = Path.of(options.getOrDefault("--server-jar", "backbeat-server/target/backbeat-server.jar"));
    Path out = Path.of(options.getOrDefault("--out", "docs/benchmarks.md"));
    boolean quick = options.containsKey("--quick");
    Sizes sizes = quick ? Sizes.quick() : Sizes.full();
    if (!Files.isRegularFile(serverJar)) {
      System.err.println("bench: no server jar at " + serverJar + "; build it first (./backbeat build)");
      System.exit(2);
    }
    Report report = new ServerBenchmark().run(serverJar, sizes, options.get("--note"), quick);
    report.wallTime = wallTime();
    String command = System.getProperty("bench.command", "./backbeat bench" + (quick ? " --quick" : ""));
    Path chart = out.toAbsolutePath().getParent().resolve("benchmarks").resolve("server-latency.png");
    LatencyChart.write(chart, "Latency by percentile (" + report.date + ")", report.runs);
    Path songChart = out.toAbsolutePath().getParent().resolve("benchmarks").resolve("song-render.png");
    if (report.songs != null) {
      RenderTimeChart.write(songChart, "Render time against song length (" + report.date + ")", report.songs.byLength());
    }
    String section = report.markdown(command, out.toAbsolutePath().getParent().relativize(chart).toString(),
        out.toAbsolutePath().getParent().relativize(songChart).toString());
    System.out.println();
    System.out.println(section);
    String existing = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
    Files.writeString(out, splice(existing, section));
    System.out.println("bench: wrote " + out + ", " + chart + (report.songs != null ? " and " + songChart : ""));
  }

  Report run(Path serverJar, Sizes sizes, String note, boolean quick) throws Exception {
    Report report = new Report();
    report.date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    report.machine = Machine.detect();
    report.loadBefore = loadAverage();
    report.note = note;
    report.quick = quick;
    Path dir = Files.createTempDirectory("backbeat-bench-");
    String java = ProcessHandle.current().info().command().orElse("java");
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("BACKBEAT_DATA", dir.resolve("data").toString());
      env.put("BACKBEAT_HOST", "127.0.0.1");
      env.put("BACKBEAT_RATE_CREATE", "1000000000/1000000000");
      env.put("BACKBEAT_RATE_POLL", "1000000000/1000000000");
      env.put("BACKBEAT_EGRESS_ALLOW_PRIVATE", "true");
      String key = createKey(java, serverJar, env, dir);
      int port = ChildProcess.freePort();
      env.put("BACKBEAT_PORT", Integer.toString(port));
      List<String> flags = recordAotCache(java, serverJar, env, dir);
      List<String> serve = new ArrayList<>(List.of(java));
      serve.addAll(flags);
      serve.addAll(List.of("-jar", serverJar.toString(), "serve"));
      step("starting the server: " + String.join(" ", serve));
      try (ChildProcess server = ChildProcess.start(serve, env, dir.resolve("server.log"))) {
        report.serverReady = server.awaitReady(port, Duration.ofSeconds(120));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        // the studio loads its sound bank after ready; measure the steady state, not that one-off load
        report.soundBankLoaded = awaitSoundBank(target, Duration.ofSeconds(180));
        String[] auth = {"Authorization", "Bearer " + key};
        String lyricsBody = "{\"prompt\":\"a song about speed\",\"callBackUrl\":\"" + receiver.url() + "\"}";
        byte[] createLyrics = LoadGenerator.request("POST", "/suno/generate-lyrics", lyricsBody, auth);

        String taskId = taskId(LoadGenerator.once(target, createLyrics));
        byte[] poll = LoadGenerator.request("GET", "/suno/query/lyrics?taskId=" + taskId, null, auth);
        byte[] pollBody = awaitSucceeded(target, poll);
        Path bodyFile = dir.resolve("poll.json");
        Files.write(bodyFile, pollBody);
        report.pollBytes = pollBody.length;

        int barePort = ChildProcess.freePort();
        List<String> bare = List.of(java, "-cp", System.getProperty("java.class.path"), BareServer.class.getName(),
            Integer.toString(barePort), bodyFile.toString());
        try (ChildProcess anchor = ChildProcess.start(bare, Map.of(), dir.resolve("bare.log"))) {
          report.bareReady = anchor.awaitReady(barePort, Duration.ofSeconds(60));
          InetSocketAddress bareTarget = new InetSocketAddress("127.0.0.1", barePort);
          byte[] barePoll = LoadGenerator.request("GET", "/suno/query/lyrics?taskId=" + taskId, null, auth);
          byte[] health = LoadGenerator.request("GET", "/healthz", null);

          report.poll64 = measure("Backbeat poll, 64 conns", target, poll, 64, sizes);
          report.bare64 = measure("bare JDK server, 64 conns", bareTarget, barePoll, 64, sizes);
          report.poll1 = measure("Backbeat poll, 1 conn", target, poll, 1, sizes);
          report.bare1 = measure("bare JDK server, 1 conn", bareTarget, barePoll, 1, sizes);
          report.health1 = measure("Backbeat /healthz, 1 conn", target, health, 1, sizes);
          report.bareRss = anchor.rssBytes();

          report.create1 = measure("Backbeat create, 1 conn", target, createLyrics, 1, sizes);
          report.create32 = measure("Backbeat create, 32 conns", target, createLyrics, 32, sizes);
          step("raw SQLite inserts (anchor)");
          report.inserts = SqliteInserts.run(dir.resolve("anchor"), sizes.maxRequests(), sizes.run());
          // every accepted create sends one callback (its "complete"); the first task's was counted before
          long created = report.create1.requests() - report.create1.failures() + report.create32.requests()
              - report.create32.failures() + warmUpCreates;

          // the lifecycle run starts on an empty queue: the create runs leave thousands of tasks queued,
          // and a lifecycle timed behind them measures how fast the studio works through that backlog
          step("waiting for the create runs' " + (1 + created) + " callbacks (the queue to drain)");
          long drainBegan = System.nanoTime();
          report.drainedBeforeLifecycle = awaitCallbacks(receiver, 1 + created, sizes.drainWait());
          report.drainNanos = System.nanoTime() - drainBegan;
          report.drainExpected = 1 + created;
          report.drainReceived = receiver.received();
          System.out.printf(Locale.ROOT, "  %s in %.1f s (%d of %d callbacks)%n", report.drainedBeforeLifecycle ? "drained" : "NOT drained",
              report.drainNanos / 1e9, report.drainReceived, report.drainExpected);
          long base = receiver.received();
          step("lifecycle: " + sizes.lifecycleTasks() + " lyrics tasks, create → succeeded → callback");
          long began = System.nanoTime();
          LoadGenerator.Result lifecycleCreates =
              LoadGenerator.run("lifecycle creates", target, createLyrics, 16, sizes.lifecycleTasks(), Duration.ofSeconds(60));
          boolean all = awaitCallbacks(receiver, base + lifecycleCreates.requests(), sizes.lifecycleWait());
          long delivered = receiver.received() - base;
          report.lifecycleTasks = delivered;
          report.lifecycleAll = all;
          report.lifecycleNanos = (all ? receiver.lastNanos() : System.nanoTime()) - began;

          step("memory: " + sizes.inFlightTasks() + " song tasks in flight");
          String songBody = "{\"customMode\":false,\"instrumental\":false,\"model\":\"V4\",\"prompt\":\"a song about memory\",\"callBackUrl\":\""
              + receiver.url() + "\"}";
          byte[] createSong = LoadGenerator.request("POST", "/suno/generate", songBody, auth);
          LoadGenerator.Result songs = LoadGenerator.run("song creates", target, createSong, 16, sizes.inFlightTasks(), Duration.ofSeconds(60));
          report.inFlight = songs.requests() - songs.failures();
          Thread.sleep(2000); // the dispatcher claims and starts what it has room for
          report.serverRss = server.rssBytes();
        }
      }
      try {
        report.postgres = PostgresCreates.run(java, serverJar, flags, env, dir, receiver.url(), sizes); // after the SQLite server stopped
      } catch (Exception e) {
        report.postgresError = e.toString();
        System.err.println("bench: the PostgreSQL create figures failed: " + e);
      }
    }
    // the studio renders in this JVM once the server is gone, so the two never share the cores
    String font = System.getenv("BACKBEAT_SOUNDFONT");
    try {
      report.songs = SongRenderBenchmark.run(font == null || font.isBlank() ? null : Path.of(font), quick, dir.resolve("songs"));
    } catch (IOException | RuntimeException e) {
      report.songError = e.toString();
      System.err.println("bench: the song figures failed: " + e);
    }
    report.loadAfter = loadAverage();
    report.runs = List.of(report.poll64, report.bare64, report.poll1, report.bare1, report.health1, report.create1, report.create32, report.inserts);
    return report;
  }

  private long warmUpCreates;

  private LoadGenerator.Result measure(String name, InetSocketAddress target, byte[] request, int connections, Sizes sizes)
      throws InterruptedException {
    step(name);
    boolean create = name.contains("create");
    long max = create ? sizes.maxCreates() : sizes.maxRequests();
    // the warm-up of a create run stops at half its count, so the backlog stays within ~1.5 runs
    LoadGenerator.Result warm = LoadGenerator.run(name + " (warm-up)", target, request, connections, create ? Math.max(1, max / 2) : max,
        sizes.warmUp());
    if (create) {
      warmUpCreates += warm.requests() - warm.failures();
    }
    LoadGenerator.Result result = LoadGenerator.run(name, target, request, connections, max, sizes.run());
    System.out.printf(Locale.ROOT, "  %,.0f req/s, p50 %.3f ms, p99 %.3f ms, max %.1f ms, %d requests, %d not 2xx%n",
        result.perSecond(), result.percentileMillis(50), result.percentileMillis(99), result.micros().getMaxValue() / 1000.0,
        result.requests(), result.failures());
    return result;
  }

  /** From the benchmark JVM's start (its process start time) to now: the whole run, builds excluded. */
  private static Duration wallTime() {
    return ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, Instant.now())).orElse(Duration.ZERO);
  }

  /** Seconds from ready until {@code /readyz} names a loaded sound bank (-1: it never did in time). */
  private static double awaitSoundBank(InetSocketAddress target, Duration max) throws Exception {
    long began = System.nanoTime();
    long deadline = began + max.toNanos();
    byte[] readyz = LoadGenerator.request("GET", "/readyz", null);
    while (System.nanoTime() < deadline) {
      String body = new String(LoadGenerator.once(target, readyz).body(), StandardCharsets.UTF_8);
      if (!body.contains("loading")) {
        return (System.nanoTime() - began) / 1e9;
      }
      Thread.sleep(100);
    }
    return -1;
  }

  private static boolean awaitCallbacks(CallbackReceiver receiver, long count, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (receiver.received() < count && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    return receiver.received() >= count;
  }

  static String createKey(String java, Path serverJar, Map<String, String> env, Path dir) throws Exception {
    Path log = dir.resolve("keys.log");
    // the launcher's options are for 'serve' (its class-data archive among them), not for this command
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(serverJvmFlags().subList(0, 3));
    command.addAll(List.of("-jar", serverJar.toString(), "keys", "create", "--name", "bench"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile()).redirectError(dir.resolve("keys.err").toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("keys create failed; see " + log);
    }
    return Files.readAllLines(log).stream().map(String::strip).filter(l -> l.startsWith("bb_")).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException("keys create printed no key; see " + log));
  }

  /**
   * The launcher passes {@code -XX:AOTCacheOutput=F} when its AOT cache is missing or older than the
   * jar: that start records the cache and writes it on exit. Measuring such a start would time the
   * recording, not a start of the built jar, so the cache is recorded by one start and stop first
   * and the measured start reads it ({@code -XX:AOTCache=F}), as every later launch does.
   */
  private static List<String> recordAotCache(String java, Path serverJar, Map<String, String> env, Path dir) throws Exception {
    List<String> flags = serverJvmFlags();
    String output = flags.stream().filter(f -> f.startsWith(AOT_OUTPUT)).findFirst().orElse(null);
    if (output == null) {
      return flags;
    }
    int port = ChildProcess.freePort();
    Map<String, String> recordEnv = new LinkedHashMap<>(env);
    recordEnv.put("BACKBEAT_PORT", Integer.toString(port));
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(flags);
    command.addAll(List.of("-jar", serverJar.toString(), "serve"));
    step("recording the server's AOT cache (one start and stop): " + output.substring(AOT_OUTPUT.length()));
    try (ChildProcess recording = ChildProcess.start(command, recordEnv, dir.resolve("aot-record.log"))) {
      recording.awaitReady(port, Duration.ofSeconds(120));
    } // close() waits for the JVM to exit, which is when it writes the cache
    Path cache = Path.of(output.substring(AOT_OUTPUT.length()));
    if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
      System.err.println("bench: the server wrote no AOT cache at " + cache + " (see aot-record.log); the start below runs without one");
    }
    return flags.stream().map(f -> f.equals(output) ? "-XX:AOTCache=" + cache : f).toList();
  }

  private static final String AOT_OUTPUT = "-XX:AOTCacheOutput=";

  /** The launcher's JVM flags for the server, plus BACKBEAT_JAVA_OPTS (or the launcher's defaults it passed on). */
  private static List<String> serverJvmFlags() {
    List<String> flags = new ArrayList<>(List.of("--add-exports", "java.desktop/com.sun.media.sound=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"));
    String extra = System.getenv().getOrDefault("BACKBEAT_SERVER_JAVA_OPTS", System.getenv().getOrDefault("BACKBEAT_JAVA_OPTS", ""));
    Arrays.stream(extra.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(flags::add);
    return flags;
  }

  private static String taskId(LoadGenerator.Answer answer) {
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    Matcher m = TASK_ID.matcher(body);
    if (answer.status() != 200 || !m.find()) {
      throw new IllegalStateException("create answered " + answer.status() + ": " + body);
    }
    return m.group(1);
  }

  private static byte[] awaitSucceeded(InetSocketAddress target, byte[] poll) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      LoadGenerator.Answer answer = LoadGenerator.once(target, poll);
      if (new String(answer.body(), StandardCharsets.UTF_8).contains("\"status\":\"SUCCESS\"")) {
        return answer.body();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the first lyrics task did not succeed within 120 s");
  }

  static String loadAverage() {
    try {
      return String.join(" / ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"), 3));
    } catch (IOException e) {
      return "unknown";
    }
  }

  static void step(String what) {
    System.out.println("bench: " + what);
  }

  static String splice(String existing, String section) {
    int start = existing.indexOf(START);
    int end = existing.indexOf(END);
    if (start >= 0 && end > start) {
      return existing.substring(0, start) + section + existing.substring(end + END.length());
    }
    int afterTitle = existing.indexOf('\n', existing.indexOf("# Benchmarks"));
    if (existing.startsWith("# Benchmarks") && afterTitle > 0) {
      return existing.substring(0, afterTitle + 1) + "\n" + section + "\n" + existing.substring(afterTitle + 1);
    }
    return section + "\n\n" + existing;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--quick")) {
        options.put(a, "true");
      } else if (a.startsWith("--") && i + 1 < args.length) {
        options.put(a, args[++i]);
      } else {
        System.err.println("bench: unknown argument " + a + " (use --quick, --out FILE, --server-jar FILE, --note TEXT)");
        System.exit(2);
      }
    }
    return options;
  }
}
