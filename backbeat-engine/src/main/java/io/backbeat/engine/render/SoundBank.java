package io.backbeat.engine.render;

import com.sun.media.sound.SoftSynthesizer;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;

/**
 * The instruments Gervill plays: a GM SoundFont (.sf2) when configured, otherwise Gervill's
 * built-in bank (generated once, cached under {@code ~/.gervill}). Loaded once; the bank is only
 * read afterwards, so synthesizers on several threads share it.
 */
public final class SoundBank {
  private final Soundbank bank;
  private final boolean builtIn;

  private SoundBank(Soundbank bank, boolean builtIn) {
    this.bank = bank;
    this.builtIn = builtIn;
  }

  public static SoundBank load(Path soundFont) throws IOException {
    if (soundFont == null) {
      return new SoundBank(new SoftSynthesizer().getDefaultSoundbank(), true);
    }
    try {
      return new SoundBank(MidiSystem.getSoundbank(soundFont.toFile()), false);
    } catch (InvalidMidiDataException e) {
      throw new IOException("not a SoundFont Gervill can read (SF2 only): " + soundFont, e);
    }
  }

  public Soundbank bank() {
    return bank;
  }

  public boolean builtIn() {
    return builtIn;
  }

  public String name() {
    return bank.getName();
  }
}
