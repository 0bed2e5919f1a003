package io.backbeat.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.media.sound.AudioSynthesizer;
import com.sun.media.sound.SF2Sample;
import com.sun.media.sound.SF2Soundbank;
import com.sun.media.sound.SoftSynthesizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sound.midi.Instrument;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Patch;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A SoundFont's samples are read when an instrument is first loaded, only its own, and sound the same. */
class SampleOnUseSoundbankTest {
  private static final Path TIMGM6MB = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");
  private static final AudioFormat FORMAT = new AudioFormat(44100, 16, 2, true, false);

  @Test
  void only_the_loaded_instruments_samples_are_read_and_the_synthesizer_plays_the_same_bytes() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(TIMGM6MB), "TimGM6mb is not installed (apt-get install timgm6mb-soundfont)");
    SampleOnUseSoundbank onUse = new SampleOnUseSoundbank((SF2Soundbank) MidiSystem.getSoundbank(TIMGM6MB.toFile()));
    SF2Soundbank eager = (SF2Soundbank) MidiSystem.getSoundbank(TIMGM6MB.toFile());
    long all = 0;
    for (SF2Sample sample : eager.getSamples()) {
      sample.getDataBuffer().load();
      all += sample.getDataBuffer().capacity();
    }

    assertThat(onUse.loadedSampleBytes()).isZero();
    byte[] played = play(onUse, new Patch(0, 33)); // electric bass (finger)
    long afterBass = onUse.loadedSampleBytes();
    byte[] reference = play(eager, new Patch(0, 33));

    assertThat(afterBass).isPositive().isLessThan(all / 4);
    assertThat(played).isEqualTo(reference);
    assertThat(peak(played)).isGreaterThan(1000); // a note was heard, not silence
    play(onUse, new Patch(0, 33));
    assertThat(onUse.loadedSampleBytes()).isEqualTo(afterBass); // read once, kept
  }

  /** One second of a two-note phrase on the given program, 16-bit stereo. */
  private static byte[] play(Soundbank bank, Patch patch) throws Exception {
    AudioSynthesizer synth = new SoftSynthesizer();
    try (InputStream stream = synth.openStream(FORMAT, Map.of("load default soundbank", false, "reverb", false, "chorus", false,
        "interpolation", "linear"))) {
      Instrument instrument = bank.getInstrument(patch);
      assertThat(synth.loadInstrument(instrument)).isTrue();
      Receiver receiver = synth.getReceiver();
      receiver.send(new ShortMessage(ShortMessage.PROGRAM_CHANGE, 0, patch.getProgram(), 0), 0);
      receiver.send(new ShortMessage(ShortMessage.NOTE_ON, 0, 40, 100), 0);
      receiver.send(new ShortMessage(ShortMessage.NOTE_OFF, 0, 40, 0), 400_000);
      receiver.send(new ShortMessage(ShortMessage.NOTE_ON, 0, 47, 100), 500_000);
      receiver.send(new ShortMessage(ShortMessage.NOTE_OFF, 0, 47, 0), 900_000);
      return stream.readNBytes(44100 * 4);
    } finally {
      synth.close();
    }
  }

  private static int peak(byte[] pcm) {
    int peak = 0;
    for (int i = 0; i + 1 < pcm.length; i += 2) {
      peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
    }
    return peak;
  }
}
