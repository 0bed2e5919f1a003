package io.backbeat.bench.engine;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The engine section of docs/benchmarks.md. The section lives between two HTML comment markers so
 * a new run replaces only its own text and leaves every other section of the file as it was.
 */
public final class BenchmarkDoc {
  public static final String START = "<!-- engine-benchmark:start -->";
  public static final String END = "<!-- engine-benchmark:end -->";

  /**
   * What one run measured and how.
   *
   * @param date when the run started (ISO-8601, as printed)
   * @param command how to repeat it
   * @param endLoad the 1-minute load average when the run finished
   * @param soundBank what played the notes (a SoundFont file, or the built-in bank)
   * @param note free text printed under the facts, or null
   */
  public record Run(String date, String command, Machine machine, double endLoad, int runs,
      String soundBank, List<SongResult> songs, String note) {
    public Run {
      Objects.requireNonNull(date, "date is null");
      Objects.requireNonNull(soundBank, "soundBank is null");
      Objects.requireNonNull(command, "command is null");
      Objects.requireNonNull(machine, "machine is null");
      songs = List.copyOf(songs);
    }
  }

  private BenchmarkDoc() {}

  /** The section, markers included, ending with a newline. */
  public static String section(Run run) {
    Machine m = run.machine();
    StringBuilder out = new StringBuilder();
    out.append(START).append('\n');
    out.append("## Engine: both clips of a song\n\n");
    out.append("`EngineBenchmark` (backbeat-bench) plans one simple-mode song per style and renders both clips with ")
        .append("`Studio.plan` + `Studio.renderAll` (MP3s, WAV stems and cover art, files written), on a warm JVM ")
        .append("(one song rendered first and not counted). Wall time is the median of ")
        .append(run.runs()).append(run.runs() == 1 ? " run" : " runs")
        .append("; RTF is the audio seconds of both clips per wall second. Target: both clips of a ")
        .append("3-minute song with vocals in ≤ ").append(fmt(SongResult.TARGET_SECONDS, 0))
        .append(" s (wall time scaled to 3:00).\n\n");
    out.append("- Date: ").append(run.date()).append('\n');
    out.append("- Command: `").append(run.command()).append("`\n");
    out.append("- Machine: ").append(m.cpus()).append(" CPUs (nproc), ").append(m.cpuModel()).append(", ")
        .append(m.ram()).append(" RAM, ").append(m.os()).append('\n');
    out.append("- JDK: ").append(m.jdk()).append(", max heap ").append(m.maxHeap()).append('\n');
    out.append("- Sound bank: ").append(run.soundBank()).append('\n');
    out.append("- Load average (1 min): ").append(fmt(m.load(), 2)).append(" at start, ")
        .append(fmt(run.endLoad(), 2)).append(" at end\n");
    if (run.note() != null && !run.note().isBlank()) {
      out.append("- Note: ").append(run.note().strip()).append('\n');
    }
    out.append('\n');
    out.append("| Style | Seed | Clip lengths | Wall time | Runs (s) | RTF | Peak heap | ≤ " + fmt(SongResult.TARGET_SECONDS, 0) + " s per 3-min song |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (SongResult s : run.songs()) {
      out.append("| ").append(s.style().replace("|", "\\|"))
          .append(" | ").append(s.seed())
          .append(" | ").append(s.clipSeconds().stream().map(BenchmarkDoc::minutes).collect(Collectors.joining(" + ")))
          .append(" | ").append(fmt(s.medianWall(), 1)).append(" s")
          .append(" | ").append(s.wallSeconds().stream().map(w -> fmt(w, 1)).collect(Collectors.joining(" / ")))
          .append(" | ").append(fmt(s.realTimeFactor(), 1)).append("×")
          .append(" | ").append(Machine.gib(s.peakHeapBytes()))
          .append(" | ").append(s.targetMet() ? "met" : "not met")
          .append(" (").append(fmt(s.wallPerThreeMinutes(), 1)).append(" s per 3:00)")
          .append(" |\n");
    }
    out.append(END).append('\n');
    return out.toString();
  }

  /**
   * The file with the section replaced, or appended when the markers are not there yet.
   *
   * @param existing the current file, or null when there is none
   */
  public static String splice(String existing, String section) {
    if (existing == null || existing.isBlank()) {
      return "# Benchmarks\n\n" + section;
    }
    int start = existing.indexOf(START);
    int end = start < 0 ? -1 : existing.indexOf(END, start);
    if (start < 0 || end < 0) {
      return existing + (existing.endsWith("\n") ? "\n" : "\n\n") + section;
    }
    int after = end + END.length();
    if (after < existing.length() && existing.charAt(after) == '\n') {
      after++;
    }
    return existing.substring(0, start) + section + existing.substring(after);
  }

  static String minutes(double seconds) {
    long s = Math.round(seconds);
    return (s / 60) + ":" + String.format(Locale.ROOT, "%02d", s % 60);
  }

  static String fmt(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
