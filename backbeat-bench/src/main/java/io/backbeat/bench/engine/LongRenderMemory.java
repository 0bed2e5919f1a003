package io.backbeat.bench.engine;

import io.backbeat.engine.ClipPlan;
import io.backbeat.engine.RenderedClip;
import io.backbeat.engine.SongPlan;
import io.backbeat.engine.SongRequest;
import io.backbeat.engine.Studio;
import io.backbeat.engine.StudioConfig;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.analysis.AudioAnalyzer;
import io.backbeat.engine.source.SourceAudio;
import io.backbeat.engine.source.SourceDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether a long render fits a small heap (issue 11: "an 8-minute song with stems runs in a 1 GB
 * heap"): plans a custom-mode song whose lyrics fill the model's 8 minutes and renders both clips
 * with {@code Studio.renderAll} (MP3s, WAV stems, cover art), sampling the used heap. With {@code
 * --splices}, instead: a 7:50 recording (FFmpeg's beeping sine, decoded as an upload) gets a 30 s
 * replace-section in its middle and an extend from its end; with {@code --overdubs}, an accompaniment
 * and a sung vocal over all of it (issue 8: bounded for 8-minute sources).
 * Run it in a JVM with the heap under test; it prints one line per render and exits 0, or 1 on
 * {@link OutOfMemoryError}.
 *
 * <pre>
 * java -Xmx1g --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *   -cp … io.backbeat.bench.engine.LongRenderMemory [--threads 2] [--seconds 180] [--linger 40] [--splices | --overdubs]
 * </pre>
 */
public final class LongRenderMemory {
  private static final String STYLE = "pop, 100 bpm";

  private LongRenderMemory() {}

  public static void main(String[] args) throws Exception {
    List<String> arguments = List.of(args);
    int at = arguments.indexOf("--threads");
    int threads = at >= 0 ? Integer.parseInt(arguments.get(at + 1)) : Runtime.getRuntime().availableProcessors();
    boolean splices = arguments.contains("--splices");
    boolean overdubs = arguments.contains("--overdubs");
    Path work = Files.createTempDirectory("long-render");
    long max = Runtime.getRuntime().maxMemory();
    try (Studio studio = new Studio(new StudioConfig(null, work.resolve("work"), threads))) {
      if (splices || overdubs) {
        uploads(studio, work, max, splices);
        return;
      }
      int cap = arguments.indexOf("--seconds");
      SongRequest song = eightMinuteSong();
      if (cap >= 0) {
        // The same song cut shorter (e.g. 180: a 3-minute render's peak in the same harness)
        song = SongRequest.builder().customMode(true).prompt(song.prompt()).style(STYLE).title("Long Night").model("V5")
            .seed(7).maxLength(Duration.ofSeconds(Integer.parseInt(arguments.get(cap + 1)))).build();
      }
      SongPlan plan = studio.plan(song);
      List<Double> planned = plan.clips().stream().map(ClipPlan::durationSeconds).toList();
      studio.soundBankDescription(); // loaded before sampling: the bank is not the render's memory
      System.gc();
      long start = System.nanoTime();
      try (HeapSampler heap = new HeapSampler()) {
        List<RenderedClip> clips = studio.renderAll(plan, work.resolve("out"));
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT,
            "long render: clips %s s, %d stems each, wall %.1f s, peak heap %d MB of max %d MB, threads %d%n",
            clips.stream().map(c -> String.format(Locale.ROOT, "%.0f", c.durationSeconds())).toList(),
            clips.get(0).stemsWav().size(), wall, heap.peakBytes() >> 20, max >> 20, threads);
        System.out.printf(Locale.ROOT, "process: peak RSS %d MB, RSS %d MB, heap committed %d MB after the render%n",
            status("VmHWM:") >> 10, status("VmRSS:") >> 10, Runtime.getRuntime().totalMemory() >> 20);
        int linger = arguments.indexOf("--linger");
        if (linger >= 0) {
          // What the heap hands back with nothing to do (the launcher's G1PeriodicGCInterval).
          Thread.sleep(Duration.ofSeconds(Integer.parseInt(arguments.get(linger + 1))));
          System.out.printf(Locale.ROOT, "process: RSS %d MB, heap committed %d MB, used %d MB after %s s idle%n",
              status("VmRSS:") >> 10, Runtime.getRuntime().totalMemory() >> 20,
              (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, arguments.get(linger + 1));
        }
      } catch (Exception | OutOfMemoryError e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          if (t instanceof OutOfMemoryError) {
            System.out.printf(Locale.ROOT, "long render: clips %s s planned, OutOfMemoryError with max heap %d MB%n",
                planned, max >> 20);
            System.exit(1);
          }
        }
        throw e;
      }
    } finally {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void uploads(Studio studio, Path work, long max, boolean splices) throws Exception {
    Path raw = work.resolve("recording.wav");
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
        "sine=frequency=220:beep_factor=4:duration=470:sample_rate=44100", "-ac", "2", raw.toString())
        .inheritIO().start();
    if (ffmpeg.waitFor() != 0) {
      throw new IllegalStateException("ffmpeg failed");
    }
    SourceAudio source = SourceDecoder.decode(raw, work.resolve("source.wav"), Duration.ofMinutes(8));
    AudioAnalysis analysis = AudioAnalyzer.analyse(source.analysis(), source.analysisRate(), source.durationSeconds());
    UploadStudio uploads = new UploadStudio(studio);
    SongRequest request = SongRequest.builder().customMode(true).instrumental(true).style("pop").title("Splice")
        .model("V5").seed(7).build();
    studio.soundBankDescription();
    if (!splices) {
      overdubs(uploads, source, analysis, work, max);
      return;
    }
    System.gc();
    try (HeapSampler heap = new HeapSampler()) {
      long start = System.nanoTime();
      SongPlan plan = uploads.planReplacement(request, analysis, 200, 230);
      RenderedClip clip = uploads.renderReplacement(plan, 0, source, 200, 230, analysis, work.resolve("replaced"));
      System.out.printf(Locale.ROOT, "replace-section 200-230 s of a %.0f s recording: %.0f s clip, wall %.1f s, peak heap %d MB of max %d MB%n",
          source.durationSeconds(), clip.durationSeconds(), (System.nanoTime() - start) / 1e9, heap.peakBytes() >> 20, max >> 20);
    }
    System.gc();
    try (HeapSampler heap = new HeapSampler()) {
      long start = System.nanoTime();
      double splice = UploadStudio.spliceAt(analysis, null);
      SongPlan plan = uploads.planContinuation(request, analysis, splice, 60);
      RenderedClip clip = uploads.renderContinuation(plan, 0, source, splice, analysis, work.resolve("extended"));
      System.out.printf(Locale.ROOT, "extend from %.0f s: %.0f s clip, wall %.1f s, peak heap %d MB of max %d MB%n",
          splice, clip.durationSeconds(), (System.nanoTime() - start) / 1e9, heap.peakBytes() >> 20, max >> 20);
    }
  }

  /** Add-instrumental and add-vocals over the whole recording (issue 8: the recording is streamed, never held). */
  private static void overdubs(UploadStudio uploads, SourceAudio source, AudioAnalysis analysis, Path work, long max) throws Exception {
    SongRequest instrumental = SongRequest.builder().customMode(true).instrumental(true).style("funk").title("Under")
        .model("V5").seed(7).build();
    SongRequest vocals = SongRequest.builder().customMode(true).prompt(eightMinuteSong().prompt()).style("pop").title("Over")
        .model("V5").seed(7).build();
    for (UploadStudio.Overdub what : UploadStudio.Overdub.values()) {
      System.gc();
      try (HeapSampler heap = new HeapSampler()) {
        long start = System.nanoTime();
        SongPlan plan = uploads.planOverdub(what == UploadStudio.Overdub.VOCALS ? vocals : instrumental, analysis, what);
        RenderedClip clip = uploads.renderOverdub(plan, 0, source, what, work.resolve("overdub-" + what));
        System.out.printf(Locale.ROOT, "overdub %s over a %.0f s recording: %.0f s clip, %d stems, wall %.1f s, peak heap %d MB of max %d MB%n",
            what, source.durationSeconds(), clip.durationSeconds(), clip.stemsWav().size(), (System.nanoTime() - start) / 1e9,
            heap.peakBytes() >> 20, max >> 20);
      }
    }
  }

  /** A /proc/self/status figure in kB (Linux), or 0. */
  private static long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** Custom-mode lyrics long enough that both clips are cut to the model's 8-minute limit. */
  static SongRequest eightMinuteSong() {
    StringBuilder lyrics = new StringBuilder();
    for (int s = 1; s <= 28; s++) {
      lyrics.append(s % 2 == 1 ? "[Verse]\n" : "[Chorus]\n");
      lyrics.append("The city lights are burning bright tonight\n")
          .append("We walk the river down to morning light\n")
          .append("Every window sings a different song\n")
          .append("And we keep moving on and moving on\n\n");
    }
    return SongRequest.builder().customMode(true).prompt(lyrics.toString()).style(STYLE)
        .title("Long Night").model("V5").seed(7).build();
  }
}
