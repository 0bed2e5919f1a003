package io.backbeat.bench.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * FluidSynth (Debian {@code fluidsynth}) rendering MIDI files to WAV as fast as it can, with the same
 * SoundFont: the anchor beside the studio's song render. It does only the synthesis (no mix,
 * mastering, MP3, stems or art), so the ratio says how far the whole render is from a C synthesizer
 * playing the same notes.
 */
public final class FluidSynthAnchor {
  private final Path executable;

  private FluidSynthAnchor(Path executable) {
    this.executable = executable;
  }

  /** FluidSynth on the PATH, if it is installed. */
  public static Optional<FluidSynthAnchor> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "fluidsynth");
      if (Files.isExecutable(candidate)) {
        return Optional.of(new FluidSynthAnchor(candidate));
      }
    }
    return Optional.empty();
  }

  /**
   * Renders each MIDI file to the WAV beside it (same name, .wav), all at once (one process each,
   * as the studio renders both clips at once); returns the wall time until the last one finished.
   */
  public Duration render(Path soundFont, List<Path> midis, Duration max) throws IOException, InterruptedException {
    long started = System.nanoTime();
    List<Process> running = new ArrayList<>();
    try {
      for (Path midi : midis) {
        Path wav = wavOf(midi);
        // -n no MIDI input, -i no shell, -q quiet; -F renders the file as fast as possible; reverb and chorus off as in the studio's synthesizers
        running.add(new ProcessBuilder(executable.toString(), "-n", "-i", "-q", "-R", "0", "-C", "0", "-r", "44100", "-T", "wav",
            "-F", wav.toString(), soundFont.toString(), midi.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
      }
      long deadline = started + max.toNanos();
      for (Process p : running) {
        long left = Math.max(1, deadline - System.nanoTime());
        if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
          throw new IOException("fluidsynth did not finish within " + max);
        }
        if (p.exitValue() != 0) {
          throw new IOException("fluidsynth exited with " + p.exitValue());
        }
      }
      return Duration.ofNanos(System.nanoTime() - started);
    } finally {
      running.forEach(Process::destroyForcibly);
    }
  }

  public static Path wavOf(Path midi) {
    String name = midi.getFileName().toString().replaceFirst("\\.midi?$", "");
    return midi.resolveSibling(name + ".wav");
  }
}
