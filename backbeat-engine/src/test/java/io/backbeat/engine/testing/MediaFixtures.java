package io.backbeat.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Test recordings made by FFmpeg's own signal generator ({@code aevalsrc}), never by the engine,
 * and measurements by tools nobody here wrote ({@code ffprobe}, {@code aubio}). A missing tool skips
 * the test on a developer machine and fails it in CI ({@code CI} set), which must run it ({@code
 * .ci/run} installs Debian's {@code ffmpeg} and {@code aubio-tools}).
 */
public final class MediaFixtures {
  private static final java.util.Map<String, Boolean> FOUND = new java.util.concurrent.ConcurrentHashMap<>();

  private MediaFixtures() {}

  /** Skips (or, in CI, fails) the calling test when {@code tool} is not on the PATH. */
  public static void require(String tool) {
    boolean found = FOUND.computeIfAbsent(tool, t -> {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
        if (java.nio.file.Files.isExecutable(Path.of(dir, t))) {
          return true;
        }
      }
      return false;
    });
    if (!found) {
      String ci = System.getenv("CI");
      if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
        org.junit.jupiter.api.Assertions.fail(tool + " is missing: CI must make and judge media with it (apt-get install ffmpeg aubio-tools)");
      }
      org.junit.jupiter.api.Assumptions.abort(tool + " is not installed (apt-get install ffmpeg aubio-tools); skipped");
    }
  }

  /**
   * A loop at {@code bpm} in A minor: a kick on beats 1 and 3, a noise snare on 2 and 4, hats on
   * eighths, and one chord per bar, Am – Dm – E – Am, with the root an octave down.
   *
   * @param level 1 for the full loop; 0 leaves out the kick and snare (hats and chords only)
   */
  public static String loopExpression(double bpm, double level) {
    return expression(bpm, level, level, 1, false);
  }

  /**
   * The loop's parts at the given levels; {@code sustained} holds one A minor chord throughout
   * instead of four decaying ones. Sustained, with {@code snare} and {@code hats} at 0, nothing in
   * it is noise or changes suddenly: every sample follows smoothly from the one before, so a cut
   * would stand out.
   */
  public static String expression(double bpm, double kick, double snare, double hats, boolean sustained) {
    double beat = 60 / bpm;
    String f = "%.6f";
    String twoBeats = String.format(Locale.ROOT, f, 2 * beat);
    String oneBeat = String.format(Locale.ROOT, f, beat);
    String eighth = String.format(Locale.ROOT, f, beat / 2);
    String bar = String.format(Locale.ROOT, f, 4 * beat);
    String chordEnvelope = sustained ? "0.1" : "0.1*exp(-ld(4)/1.8)";
    String chordIndex = sustained ? "0" : "mod(floor(t/" + bar + "),4)";
    return "st(0,mod(t," + twoBeats + "));st(1,mod(t+" + oneBeat + "," + twoBeats + "));st(2,mod(t," + eighth + "));"
        + "st(3," + chordIndex + ");st(4,mod(t," + bar + "));"
        + "st(5,if(eq(ld(3),0),220,if(eq(ld(3),1),146.83,if(eq(ld(3),2),164.81,220))));"
        + "st(6,if(eq(ld(3),0),261.63,if(eq(ld(3),1),174.61,if(eq(ld(3),2),207.65,261.63))));"
        + "st(7,if(eq(ld(3),0),329.63,if(eq(ld(3),1),220,if(eq(ld(3),2),246.94,329.63))));"
        + kick + "*0.7*sin(2*PI*(45*ld(0)+2.25*(1-exp(-ld(0)/0.03))))*exp(-ld(0)/0.12)"
        + "+" + snare + "*0.3*(2*random(0)-1)*exp(-ld(1)/0.05)"
        + "+" + hats + "*0.08*(2*random(1)-1)*exp(-ld(2)/0.012)"
        + "+" + chordEnvelope + "*(sin(2*PI*ld(5)*t)+sin(2*PI*ld(6)*t)+sin(2*PI*ld(7)*t)+0.5*sin(PI*ld(5)*t))";
  }

  /** Writes {@code seconds} of the loop as 44.1 kHz stereo; the codec follows the file's extension. */
  public static Path loop(Path file, double bpm, double seconds) throws IOException {
    return loop(file, bpm, seconds, 1);
  }

  /**
   * The loop at {@code level} (see {@link #loopExpression}): four bars are generated (FFmpeg's
   * expression evaluator is slow) and repeated with {@code aloop} up to {@code seconds}.
   */
  public static Path loop(Path file, double bpm, double seconds, double level) throws IOException {
    return loopOf(file, bpm, seconds, loopExpression(bpm, level));
  }

  /** Four bars of {@code expression} repeated up to {@code seconds}. */
  public static Path loopOf(Path file, double bpm, double seconds, String expression) throws IOException {
    double fourBars = 16 * 60 / bpm;
    long samples = Math.round(fourBars * 44100);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
        "aevalsrc='" + expression + "':s=44100:d=" + String.format(Locale.ROOT, "%.6f", samples / 44100.0),
        "-af", "aloop=loop=-1:size=" + samples, "-t", String.format(Locale.ROOT, "%.3f", seconds), "-ac", "2"));
    command.addAll(codecFor(file));
    command.add(file.toString());
    run(command);
    return file;
  }

  /**
   * Writes the expression as a stereo recording (the codec follows the extension); {@code left|right}
   * gives each channel its own expression.
   */
  public static Path generate(Path file, String expression, double seconds, String... encoderOptions) throws IOException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
        "aevalsrc='" + expression + "':s=44100:d=" + String.format(Locale.ROOT, "%.3f", seconds), "-ac", "2"));
    command.addAll(codecFor(file));
    command.addAll(List.of(encoderOptions));
    command.add(file.toString());
    run(command);
    return file;
  }

  /** Re-encodes {@code source} into {@code target}; the codec follows the target's extension. */
  public static Path convert(Path source, Path target) throws IOException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", source.toString()));
    command.addAll(codecFor(target));
    command.add(target.toString());
    run(command);
    return target;
  }

  private static List<String> codecFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".mp3")) {
      return List.of("-c:a", "libmp3lame", "-b:a", "192k");
    }
    if (name.endsWith(".flac")) {
      return List.of("-c:a", "flac");
    }
    if (name.endsWith(".ogg")) {
      return List.of("-c:a", "libvorbis", "-q:a", "5");
    }
    if (name.endsWith(".m4a")) {
      return List.of("-c:a", "aac", "-b:a", "192k");
    }
    return List.of("-c:a", "pcm_s16le");
  }

  /** The file decoded by the {@code ffmpeg} tool to mono 44.1 kHz float samples. */
  public static float[] decodeMono(Path file) throws IOException {
    Path raw = java.nio.file.Files.createTempFile("decoded", ".f32");
    try {
      run(List.of("ffmpeg", "-v", "error", "-y", "-i", file.toString(), "-ac", "1", "-ar", "44100", "-f", "f32le", raw.toString()));
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(raw)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[bytes.remaining() / 4];
      bytes.asFloatBuffer().get(out);
      return out;
    } finally {
      java.nio.file.Files.deleteIfExists(raw);
    }
  }

  /**
   * The RMS level in dBFS that FFmpeg's {@code astats} measures over all channels, after {@code
   * filter} (e.g. {@code bandpass=f=110:w=30}, or {@code anull}).
   */
  public static double rmsDb(Path file, String filter) throws IOException {
    require("ffmpeg");
    Process process = new ProcessBuilder("ffmpeg", "-v", "info", "-nostats", "-i", file.toString(), "-af", filter + ",astats=measure_perchannel=none",
        "-f", "null", "-").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("RMS level dB: (-?[0-9.]+|-inf)").matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      throw new IOException("astats printed no RMS level: " + text);
    }
    return last.equals("-inf") ? -200 : Double.parseDouble(last);
  }

  /** {@code ffprobe}'s duration of a file, in seconds. */
  public static double duration(Path file) throws IOException {
    return Double.parseDouble(run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file.toString())).strip());
  }

  /**
   * The tempo {@code aubio beat} hears: 60 over the mean of its beat intervals within 10 % of their
   * median (the median alone is quantised to aubio's 11.6 ms hop; missed or doubled beats are left out).
   */
  public static double aubioBpm(Path file) throws IOException {
    List<Double> beats = new ArrayList<>();
    for (String line : run(List.of("aubio", "beat", file.toString())).split("\n")) {
      if (!line.isBlank()) {
        beats.add(Double.parseDouble(line.strip()));
      }
    }
    List<Double> intervals = new ArrayList<>();
    for (int i = 1; i < beats.size(); i++) {
      intervals.add(beats.get(i) - beats.get(i - 1));
    }
    if (intervals.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(intervals);
    sorted.sort(Double::compare);
    double median = sorted.get(sorted.size() / 2);
    double sum = 0;
    int n = 0;
    for (double interval : intervals) {
      if (Math.abs(interval - median) <= 0.1 * median) {
        sum += interval;
        n++;
      }
    }
    return 60 / (sum / n);
  }

  /** Runs a tool and returns its standard output; a failure's message carries its error output. */
  public static String run(List<String> command) throws IOException {
    require(command.get(0));
    Path errors = java.nio.file.Files.createTempFile("tool", ".err");
    Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command.get(0));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    String error = java.nio.file.Files.readString(errors);
    java.nio.file.Files.deleteIfExists(errors);
    if (process.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed (" + process.exitValue() + "): " + error + text);
    }
    return text;
  }
}
