package io.backbeat.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Independent judges of rendered audio, run as the Debian tools they are: FFmpeg decodes, sox
 * measures spectra, aubio tracks beats and pitch, PocketSphinx hears words. Nothing here uses the
 * engine's own analysis. A missing tool fails the test in CI (with what to install) and skips it
 * elsewhere.
 */
final class Judges {
  static final Path POCKETSPHINX_MODEL = Path.of("/usr/share/pocketsphinx/model/en-us");

  private Judges() {}

  /** The command must be on PATH; in CI its absence is a failure, elsewhere a skip. */
  static void require(String command, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return;
      }
    }
    missing("'" + command + "'", debianPackage);
  }

  static Path requireFile(Path file, String debianPackage) {
    if (!Files.exists(file)) {
      missing(file.toString(), debianPackage);
    }
    return file;
  }

  private static void missing(String what, String debianPackage) {
    String message = what + " is missing: install it with 'apt-get install -y " + debianPackage
        + "' (.ci/run does this as root)";
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank()) {
      Assertions.fail(message);
    }
    Assumptions.abort(message + "; skipping");
  }

  /** Runs a command, returns its standard output; fails on a non-zero exit or after 5 minutes. */
  static List<String> run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("judge", ".out");
    Path err = Files.createTempFile("judge", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IOException("exit " + p.exitValue() + ": " + command + "\n" + tail(Files.readString(err, StandardCharsets.UTF_8)));
      }
      return Files.readAllLines(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String tail(String s) {
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }

  /** FFmpeg's decode of any audio file to a mono WAV at {@code rate} (0 = keep the rate). */
  static Path monoWav(Path audio, int rate) throws IOException, InterruptedException {
    require("ffmpeg", "ffmpeg");
    Path wav = Files.createTempFile("judge", ".wav");
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", audio.toString(), "-ac", "1"));
    if (rate > 0) {
      cmd.addAll(List.of("-ar", Integer.toString(rate)));
    }
    cmd.addAll(List.of("-c:a", "pcm_s16le", wav.toString()));
    run(cmd);
    return wav;
  }

  /**
   * The tempo aubio's beat tracker hears: the mean of the inter-beat intervals within 10 % of
   * their median (the one-line summary of {@code aubio tempo} misreads even plain loops).
   */
  static double aubioBpm(Path audio) throws IOException, InterruptedException {
    require("aubio", "aubio-tools");
    Path wav = monoWav(audio, 0);
    try {
      List<Double> beats = new ArrayList<>();
      for (String line : run(List.of("aubio", "beat", "-i", wav.toString()))) {
        if (!line.isBlank()) {
          beats.add(Double.parseDouble(line.strip().split("\\s+")[0]));
        }
      }
      List<Double> intervals = new ArrayList<>();
      for (int i = 1; i < beats.size(); i++) {
        intervals.add(beats.get(i) - beats.get(i - 1));
      }
      if (intervals.size() < 8) {
        throw new AssertionError("aubio found only " + beats.size() + " beats in " + audio);
      }
      List<Double> sorted = new ArrayList<>(intervals);
      sorted.sort(null);
      double median = sorted.get(sorted.size() / 2);
      double sum = 0;
      int n = 0;
      for (double d : intervals) {
        if (d > 0.9 * median && d < 1.1 * median) {
          sum += d;
          n++;
        }
      }
      return 60 / (sum / n);
    } finally {
      Files.deleteIfExists(wav);
    }
  }

  /** How far {@code heard} is from {@code asked}, allowing octave errors (×½, ×2), as a fraction. */
  static double tempoError(double heard, double asked) {
    double best = Double.MAX_VALUE;
    for (double octave : new double[] {0.5, 1, 2}) {
      best = Math.min(best, Math.abs(heard / (asked * octave) - 1));
    }
    return best;
  }

  /** RMS level (dBFS) of the mono fold in a frequency band, by sox's sinc band-pass. */
  static double bandDb(Path monoWav, int lowHz, int highHz) throws IOException, InterruptedException {
    require("sox", "sox");
    List<String> cmd = List.of("sox", monoWav.toString(), "-n", "sinc", lowHz + "-" + highHz, "stat");
    Path err = Files.createTempFile("sox", ".txt");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException("sox failed: " + Files.readString(err));
      }
      for (String line : Files.readAllLines(err)) {
        if (line.startsWith("RMS     amplitude:")) {
          double rms = Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
          return 20 * Math.log10(Math.max(rms, 1e-9));
        }
      }
      throw new IOException("no RMS in sox output: " + Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }

  /** aubio's pitch track (yinfft): rows of {time seconds, MIDI pitch}; 0 where unvoiced. */
  static List<double[]> aubioPitch(Path audio) throws IOException, InterruptedException {
    require("aubio", "aubio-tools");
    Path wav = monoWav(audio, 0);
    try {
      List<double[]> out = new ArrayList<>();
      for (String line : run(List.of("aubio", "pitch", "-i", wav.toString(), "-m", "yinfft", "-u", "midi", "-H", "256"))) {
        String[] f = line.strip().split("\\s+");
        if (f.length == 2) {
          out.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
        }
      }
      return out;
    } finally {
      Files.deleteIfExists(wav);
    }
  }

  /**
   * The words PocketSphinx hears in {@code audio}, decoding with a JSGF grammar that allows any
   * sequence of {@code vocabulary} words (the lyrics' words plus distractors); words missing from
   * the CMU dictionary are left out of the grammar.
   */
  static List<String> transcribe(Path audio, Collection<String> vocabulary) throws IOException, InterruptedException {
    require("pocketsphinx_continuous", "pocketsphinx");
    requireFile(POCKETSPHINX_MODEL.resolve("en-us"), "pocketsphinx-en-us");
    Path dictionary = requireFile(POCKETSPHINX_MODEL.resolve("cmudict-en-us.dict"), "pocketsphinx-en-us");
    Set<String> wanted = new TreeSet<>();
    for (String w : vocabulary) {
      wanted.add(w.toLowerCase(Locale.ROOT));
    }
    List<String> entries = new ArrayList<>();
    Set<String> known = new TreeSet<>();
    for (String line : Files.readAllLines(dictionary, StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      if (space <= 0) {
        continue;
      }
      String head = line.substring(0, space);
      String word = head.replaceAll("\\(\\d+\\)$", "");
      if (wanted.contains(word)) {
        entries.add(line);
        known.add(word);
      }
    }
    Path dir = Files.createTempDirectory("sphinx");
    Path dict = dir.resolve("lyrics.dict");
    Path grammar = dir.resolve("lyrics.gram");
    Files.write(dict, entries, StandardCharsets.UTF_8);
    Files.writeString(grammar, "#JSGF V1.0;\ngrammar lyrics;\npublic <utterance> = ( "
        + String.join(" | ", known) + " )* ;\n", StandardCharsets.UTF_8);
    Path wav = monoWav(audio, 16000);
    try {
      List<String> words = new ArrayList<>();
      for (String line : run(List.of("pocketsphinx_continuous", "-infile", wav.toString(), "-jsgf", grammar.toString(),
          "-dict", dict.toString(), "-hmm", POCKETSPHINX_MODEL.resolve("en-us").toString(), "-logfn", "/dev/null"))) {
        for (String w : line.strip().split("\\s+")) {
          if (!w.isBlank()) {
            words.add(w.toLowerCase(Locale.ROOT));
          }
        }
      }
      return words;
    } finally {
      Files.deleteIfExists(wav);
      Files.deleteIfExists(dict);
      Files.deleteIfExists(grammar);
      Files.deleteIfExists(dir);
    }
  }

  /** Length of the longest common subsequence: words recovered in order. */
  static int inOrder(List<String> reference, List<String> heard) {
    int[][] t = new int[reference.size() + 1][heard.size() + 1];
    for (int i = 1; i <= reference.size(); i++) {
      for (int j = 1; j <= heard.size(); j++) {
        t[i][j] = reference.get(i - 1).equals(heard.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t[reference.size()][heard.size()];
  }
}
