package io.backbeat.bench.engine;

import io.backbeat.engine.image.ImageRequest;
import io.backbeat.engine.image.ImageStudio;
import io.backbeat.engine.video.VideoRequest;
import io.backbeat.engine.video.VideoStudio;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times the local image and video studios on a warm JVM: a 1328 × 1328 PNG, a 5-second 720p
 * text-to-video and a 5-second 720p image-to-video, each {@code --runs} times (default 3), and prints
 * a Markdown table with the machine and its load average (a busy machine's numbers say little).
 *
 * <pre>java -cp "backbeat-bench/target/classes:backbeat-bench/target/lib/*" \
 *     io.backbeat.bench.engine.MediaBenchmark --runs 3</pre>
 */
public final class MediaBenchmark {
  private MediaBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length == 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
    ImageStudio images = new ImageStudio();
    VideoStudio videos = new VideoStudio(images);
    Path dir = Files.createTempDirectory("media-bench");
    ImageRequest image = new ImageRequest("a lighthouse on the coast at sunset, boats on the sea, cinematic", null,
        1328, 1328, 42, false, List.of(), "png");
    VideoRequest textVideo = new VideoRequest("snowy mountains at sunset with a forest and a deer, pan left", null,
        1280, 720, 24, 5.0, 42, false, null, null, List.of(), null, 0);
    BufferedImage first = images.paint(new ImageRequest("a cat in a garden of flowers", null, 1280, 720, 7, false, List.of(), "png"));
    VideoRequest imageVideo = new VideoRequest("petals falling, sakura", null, 1280, 720, 24, 5.0, 42, false, first, null,
        List.of(), null, 0);
    // warm-up: JIT and FFmpeg's natives
    images.render(new ImageRequest("warm up", null, 256, 256, 1, false, List.of(), "png"));
    videos.render(new VideoRequest("warm up", null, 320, 180, 24, 1.0, 1, false, null, null, List.of(), null, 0),
        dir.resolve("warm.mp4"), () -> false, null);
    Machine machine = Machine.detect();
    System.out.printf(Locale.ROOT, "Machine: %s, %d CPUs, %s; load average before: %s%n%n", machine.cpuModel(), machine.cpus(),
        machine.jdk(), loadAverage());
    System.out.println("| render | run | seconds |");
    System.out.println("|---|---|---|");
    for (int run = 1; run <= runs; run++) {
      long t0 = System.nanoTime();
      images.render(image);
      row("1328×1328 PNG", run, t0);
      t0 = System.nanoTime();
      videos.render(textVideo, dir.resolve("t2v.mp4"), () -> false, null);
      row("5 s 720p text-to-video, 24 fps", run, t0);
      t0 = System.nanoTime();
      videos.render(imageVideo, dir.resolve("i2v.mp4"), () -> false, null);
      row("5 s 720p image-to-video, 24 fps", run, t0);
    }
    System.out.printf(Locale.ROOT, "%nLoad average after: %s%n", loadAverage());
  }

  private static void row(String what, int run, long startNanos) {
    System.out.printf(Locale.ROOT, "| %s | %d | %.2f |%n", what, run, (System.nanoTime() - startNanos) / 1e9);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
