package io.backbeat.bench.server;

import io.backbeat.bench.engine.Machine;
import io.backbeat.bench.engine.SongRenderBenchmark;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The figures of one {@code ./backbeat bench} run and their markdown. */
final class Report {
  String date;
  Machine machine;
  String loadBefore;
  String loadAfter;
  String note;
  boolean quick;
  Duration wallTime;
  Duration serverReady;
  Duration bareReady;
  double soundBankLoaded;
  int pollBytes;
  LoadGenerator.Result poll64;
  LoadGenerator.Result bare64;
  LoadGenerator.Result poll1;
  LoadGenerator.Result bare1;
  LoadGenerator.Result health1;
  LoadGenerator.Result create1;
  LoadGenerator.Result create32;
  LoadGenerator.Result inserts;
  PostgresCreates.Result postgres;
  String postgresError;
  boolean drainedBeforeLifecycle;
  long drainNanos;
  long drainExpected;
  long drainReceived;
  long lifecycleTasks;
  boolean lifecycleAll;
  long lifecycleNanos;
  long inFlight;
  long serverRss;
  long bareRss;
  List<LoadGenerator.Result> runs;
  SongRenderBenchmark.Figures songs;
  String songError;

  String markdown(String command, String chartPath, String songChartPath) {
    StringBuilder md = new StringBuilder();
    md.append(ServerBenchmark.START).append('\n');
    md.append("## Server: hot paths beside their anchors").append(quick ? " (`--quick`)" : "").append("\n\n");
    md.append("`./backbeat bench` starts the server jar and, in the same run, its anchors on loopback: a bare JDK `HttpServer`\n")
        .append("on virtual threads answering the same ").append(pollBytes).append(" bytes as a poll of a finished lyrics task, and raw\n")
        .append("single-row SQLite inserts (WAL, synchronous=NORMAL) through the server's driver. The load generator is a\n")
        .append("closed-loop raw-socket HTTP/1.1 client on virtual threads in the benchmark's JVM (HdrHistogram latencies), sharing\n")
        .append("the machine's cores with the server; every run is bounded in requests and time, after a warm-up run.\n\n");
    md.append("- Date: ").append(date).append('\n');
    md.append("- Command: `").append(command).append("`\n");
    md.append("- Machine: ").append(machine.cpus()).append(" CPUs (nproc), ").append(machine.cpuModel()).append(", ").append(machine.ram())
        .append(" RAM, ").append(machine.os()).append('\n');
    md.append("- JDK: ").append(machine.jdk()).append('\n');
    md.append("- The studio's sound bank was loaded ").append(soundBankLoaded < 0 ? "not within 180 s" : String.format(Locale.ROOT, "%.1f s", soundBankLoaded))
        .append(" after ready; the loads below started after that\n");
    md.append("- Wall time of this run (from the benchmark JVM's start, builds excluded): ")
        .append(wallTime == null || wallTime.isZero() ? "unknown" : String.format(Locale.ROOT, "%.0f s", wallTime.toNanos() / 1e9)).append('\n');
    md.append("- Load average (1 / 5 / 15 min): ").append(loadBefore).append(" before, ").append(loadAfter).append(" after\n");
    if (note != null && !note.isBlank()) {
      md.append("- Note: ").append(note).append('\n');
    }
    md.append('\n');
    md.append("| figure | Backbeat | anchor | anchor's figure | ratio | target |\n|---|---|---|---|---|---|\n");
    row(md, "poll a finished task, 64 conns: rate", rate(poll64), "bare JDK server", rate(bare64), ratio(poll64.perSecond(), bare64.perSecond()), "≥ 0.5×");
    row(md, "poll, 64 conns: p99", ms(poll64.percentileMillis(99)), "bare JDK server", ms(bare64.percentileMillis(99)),
        ratio(poll64.percentileMillis(99), bare64.percentileMillis(99)), "≤ 2×");
    row(md, "poll, 1 conn: median", ms(poll1.percentileMillis(50)), "bare JDK server", ms(bare1.percentileMillis(50)),
        ratio(poll1.percentileMillis(50), bare1.percentileMillis(50)), "≤ 0.15 ms");
    row(md, "`/healthz`, 1 conn: median", ms(health1.percentileMillis(50)), "bare JDK server", ms(bare1.percentileMillis(50)),
        ratio(health1.percentileMillis(50), bare1.percentileMillis(50)), "—");
    row(md, "create lyrics, 1 conn: rate", rate(create1), "SQLite inserts", rate(inserts), ratio(create1.perSecond(), inserts.perSecond()), "—");
    row(md, "create, 1 conn: median / p99", ms(create1.percentileMillis(50)) + " / " + ms(create1.percentileMillis(99)), "SQLite insert",
        ms(inserts.percentileMillis(50)) + " / " + ms(inserts.percentileMillis(99)), "—", "—");
    row(md, "create lyrics, 32 conns: rate", rate(create32), "SQLite inserts", rate(inserts), ratio(create32.perSecond(), inserts.perSecond()), "≥ 5,000/s");
    row(md, "create, 32 conns: p99", ms(create32.percentileMillis(99)), "—", "—", "—", "≤ 20 ms");
    if (postgres != null) {
      row(md, "create on embedded PostgreSQL, 1 conn: rate, median / p99", rate(postgres.one()) + ", " + ms(postgres.one().percentileMillis(50))
          + " / " + ms(postgres.one().percentileMillis(99)), "—", "—", "—", "—");
      row(md, "create on embedded PostgreSQL, 32 conns: rate, p99", rate(postgres.many()) + ", " + ms(postgres.many().percentileMillis(99)),
          "—", "—", "—", "≥ 2,000/s");
    } else if (postgresError != null) {
      row(md, "create on embedded PostgreSQL", "failed: " + postgresError, "—", "—", "—", "≥ 2,000/s");
    }
    double lifecycleRate = lifecycleNanos == 0 ? 0 : lifecycleTasks * 1e9 / lifecycleNanos;
    row(md, "lifecycle (create → succeeded → callback received), 16 conns",
        String.format(Locale.ROOT, "%,.0f tasks/s (%d tasks%s)", lifecycleRate, lifecycleTasks, lifecycleAll ? "" : ", not all delivered in time"),
        "—", "—", "—", "≥ 1,000/s");
    row(md, "start to ready (jar built)", secs(serverReady), "bare JDK server", secs(bareReady),
        ratio(serverReady.toNanos(), bareReady.toNanos()), "≤ 1.5 s");
    row(md, "RSS with " + inFlight + " song tasks in flight", mib(serverRss), "bare JDK server after its load", mib(bareRss),
        ratio(serverRss, bareRss), "≤ 300 MB");
    if (songs != null) {
      SongRenderBenchmark.Point three = songs.threeMinute();
      double fluid = three.fluidSynthSeconds();
      row(md, "song: both clips of a " + clock(three.clipSeconds()) + " song with stems, MP3s and art (warm JVM" + (songs.threeMinuteRuns().size() > 1
              ? ", median of " + songs.threeMinuteRuns().size() : "") + ")", secs(three.studioSeconds()),
          songs.fluidSynth() != null ? "FluidSynth, same MIDI" : "— (FluidSynth not installed)", fluid < 0 ? "—" : secs(fluid),
          fluid < 0 ? "—" : ratio(three.studioSeconds(), fluid), "≤ 6 s");
    }
    md.append('\n');
    md.append("Failures (answers that were not 2xx, or broken connections): ");
    for (LoadGenerator.Result r : runs) {
      md.append(r.name()).append(' ').append(r.failures()).append(r == runs.get(runs.size() - 1) ? "" : ", ");
    }
    md.append(".").append(drainedBeforeLifecycle
        ? String.format(Locale.ROOT, " The lifecycle run started on an empty queue: the create runs' %,d callbacks had all arrived %.1f s after the last create.",
            drainExpected, drainNanos / 1e9)
        : String.format(Locale.ROOT, " The lifecycle run did not start on an empty queue: %,d of the create runs' %,d callbacks had arrived after a %.0f s wait,"
            + " so the lifecycle figure includes working through that backlog.", drainReceived, drainExpected, drainNanos / 1e9)).append("\n\n");
    md.append("![latency by percentile](").append(chartPath).append(")\n\n");
    md.append("| run | requests | rate | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|---|\n");
    for (LoadGenerator.Result r : runs) {
      md.append("| ").append(r.name()).append(" | ").append(String.format(Locale.ROOT, "%,d", r.requests())).append(" | ").append(rate(r))
          .append(" | ").append(ms(r.percentileMillis(50))).append(" | ").append(ms(r.percentileMillis(90)))
          .append(" | ").append(ms(r.percentileMillis(99))).append(" | ").append(ms(r.percentileMillis(99.9)))
          .append(" | ").append(ms(r.micros().getMaxValue() / 1000.0)).append(" |\n");
    }
    md.append('\n');
    if (songs != null) {
      md.append("Songs: simple-mode \"").append(SongRenderBenchmark.STYLE).append("\" songs rendered by the studio in the benchmark's own JVM after the server\n")
          .append("stopped (").append(songs.soundBank()).append("), one warm-up render first; FluidSynth")
          .append(songs.fluidSynth() != null ? " renders the MIDI of the same notes (every part but a sung vocal) with the same SoundFont to WAV,\n"
              + "both clips at once, synthesis only (no mix, mastering, MP3, stems or art)" : " is not installed (Debian: fluidsynth), so there is no anchor")
          .append(".\n\n");
      md.append("![render time against song length](").append(songChartPath).append(")\n\n");
      md.append("| seed | longer clip | studio, both clips | FluidSynth, same MIDI | ratio |\n|---|---|---|---|---|\n");
      for (SongRenderBenchmark.Point p : songs.byLength()) {
        md.append("| ").append(p.seed()).append(" | ").append(clock(p.clipSeconds())).append(" | ").append(secs(p.studioSeconds())).append(" | ")
            .append(p.fluidSynthSeconds() < 0 ? "—" : secs(p.fluidSynthSeconds())).append(" | ")
            .append(p.fluidSynthSeconds() <= 0 ? "—" : ratio(p.studioSeconds(), p.fluidSynthSeconds())).append(" |\n");
      }
    } else {
      md.append("The song figures failed: ").append(songError == null ? "not run" : songError).append('\n');
    }
    md.append(ServerBenchmark.END);
    return md.toString();
  }

  private static void row(StringBuilder md, String figure, String value, String anchor, String anchorValue, String ratio, String target) {
    md.append("| ").append(figure).append(" | ").append(value).append(" | ").append(anchor).append(" | ").append(anchorValue)
        .append(" | ").append(ratio).append(" | ").append(target).append(" |\n");
  }

  private static String rate(LoadGenerator.Result r) {
    return String.format(Locale.ROOT, "%,.0f/s", r.perSecond());
  }

  private static String ms(double ms) {
    return ms < 1 ? String.format(Locale.ROOT, "%.3f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  private static String secs(double seconds) {
    return String.format(Locale.ROOT, "%.2f s", seconds);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
  }

  private static String ratio(double value, double anchor) {
    return anchor <= 0 ? "—" : String.format(Locale.ROOT, "%.2f×", value / anchor);
  }
}
