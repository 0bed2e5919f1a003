package io.backbeat.engine.render;

import com.sun.media.sound.SF2Soundbank;
import com.sun.media.sound.SoftSynthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instruments Gervill plays: a General MIDI SoundFont (.sf2) — the configured one, else
 * Debian's FluidR3 ({@code fluid-soundfont-gm}) where it is installed — otherwise Gervill's
 * built-in bank (generated once, cached under {@code ~/.gervill}). Loaded once; the bank is only
 * read afterwards, so synthesizers on several threads share it.
 */
public final class SoundBank {
  private static final Logger log = LoggerFactory.getLogger(SoundBank.class);
  /** Where Debian's {@code fluid-soundfont-gm} (FluidR3, MIT) puts its SF2: the default bank. */
  public static final Path DEFAULT_SOUNDFONT = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");

  private final Soundbank bank;
  private final Path file;

  private SoundBank(Soundbank bank, Path file) {
    this.bank = bank;
    this.file = file;
  }

  /**
   * The configured SoundFont, or {@link #DEFAULT_SOUNDFONT} when none is configured; Gervill's
   * built-in bank when that file is missing or unreadable (logged, never fatal: the built-in bank
   * plays every GM program, only duller).
   */
  public static SoundBank load(Path configured) {
    Path wanted = configured != null ? configured : DEFAULT_SOUNDFONT;
    if (Files.isRegularFile(wanted)) {
      try {
        return soundFont(wanted);
      } catch (IOException e) {
        log.warn("Cannot use the SoundFont {} ({}); playing Gervill's built-in bank", wanted, e.getMessage());
      }
    } else if (configured != null) {
      log.warn("The SoundFont {} does not exist; playing Gervill's built-in bank", configured);
    } else {
      log.info("No SoundFont configured and {} is not installed (Debian: apt-get install fluid-soundfont-gm); "
          + "playing Gervill's built-in bank", DEFAULT_SOUNDFONT);
    }
    return gervillBuiltIn();
  }

  /**
   * SoundFonts already read in this process, by file: one copy of the samples read so far (FluidR3:
   * up to ~140 MB) however many studios the process holds (a test JVM starts many servers; banks are read-only).
   */
  private static final java.util.concurrent.ConcurrentHashMap<Path, SoundBank> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

  /** Exactly this SoundFont; fails if Gervill cannot read it (SF2 only, not SF3). */
  public static SoundBank soundFont(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    SoundBank loaded = LOADED.get(key);
    if (loaded != null) {
      return loaded;
    }
    synchronized (LOADED) {
      loaded = LOADED.get(key);
      if (loaded == null) {
        loaded = read(file);
        LOADED.put(key, loaded);
      }
      return loaded;
    }
  }

  private static SoundBank read(Path file) throws IOException {
    try {
      Soundbank bank = MidiSystem.getSoundbank(file.toFile());
      if (bank instanceof SF2Soundbank sf2) {
        // samples are read per instrument on first use (a song plays a few of FluidR3's ~140 MB)
        return new SoundBank(new SampleOnUseSoundbank(sf2), file);
      }
      return new SoundBank(bank, file);
    } catch (InvalidMidiDataException | RuntimeException e) {
      throw new IOException("not a SoundFont Gervill can read (SF2 only): " + file, e);
    }
  }

  /** Gervill's built-in ("emergency") General MIDI bank. */
  public static SoundBank gervillBuiltIn() {
    return new SoundBank(new SoftSynthesizer().getDefaultSoundbank(), null);
  }

  public Soundbank bank() {
    return bank;
  }

  public boolean builtIn() {
    return file == null;
  }

  /** The SoundFont file, or null for the built-in bank. */
  public Path file() {
    return file;
  }

  public String name() {
    return bank.getName();
  }

  /** For logs and readiness details: "Fluid R3 GM (/usr/share/…/FluidR3_GM.sf2)" or the built-in bank. */
  public String description() {
    return builtIn() ? "Gervill's built-in bank (" + name() + ")" : name() + " (" + file + ")";
  }
}
