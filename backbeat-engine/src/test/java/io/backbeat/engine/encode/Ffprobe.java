package io.backbeat.engine.encode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent judge of our files: Debian's {@code ffprobe} (a separate FFmpeg build from the
 * one we write with). Missing it is a skip on a developer machine and a failure in CI, which must
 * exercise it ({@code .ci/run} installs the {@code ffmpeg} package).
 */
final class Ffprobe {
  private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/ffprobe"), Path.of("/usr/local/bin/ffprobe"));

  private Ffprobe() {}

  /** {@code ffprobe -show_format -show_streams -of flat}: keys like {@code streams.stream.0.codec_name}. */
  static Map<String, String> probe(Path file) throws IOException, InterruptedException {
    String out = run(List.of(executable().toString(), "-v", "error", "-show_format", "-show_streams",
        "-of", "flat", file.toString()));
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(line.substring(0, eq), value);
      }
    }
    return values;
  }

  /** The values of {@code key} for each stream of {@code type} ("audio", "video"). */
  static List<String> streams(Map<String, String> probe, String type, String key) {
    List<String> out = new ArrayList<>();
    for (int i = 0; probe.containsKey("streams.stream." + i + ".codec_type"); i++) {
      if (probe.get("streams.stream." + i + ".codec_type").equals(type)) {
        out.add(probe.get("streams.stream." + i + "." + key));
      }
    }
    return out;
  }

  static double number(String value) {
    return Double.parseDouble(value);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] bytes = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("ffprobe timed out: " + command);
    }
    String out = new String(bytes, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("ffprobe failed (" + p.exitValue() + "): " + out);
    }
    return out;
  }

  static Path executable() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "ffprobe"));
        }
      }
    }
    candidates.addAll(CANDIDATES);
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank()) {
      Assertions.fail("ffprobe is missing: CI must judge our media with it. Install Debian's ffmpeg "
          + "(apt-get install -y ffmpeg; .ci/run tries to).");
    }
    Assumptions.abort("ffprobe is not installed (apt-get install ffmpeg); skipping");
    return null;
  }
}
