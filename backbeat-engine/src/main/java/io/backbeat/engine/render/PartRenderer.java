package io.backbeat.engine.render;

import com.sun.media.sound.AudioSynthesizer;
import com.sun.media.sound.ModelPatch;
import com.sun.media.sound.SoftSynthesizer;
import io.backbeat.engine.compose.Groove;
import io.backbeat.engine.compose.NoteEvent;
import io.backbeat.engine.compose.Part;
import io.backbeat.engine.compose.PartRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.Instrument;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Patch;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.sampled.AudioFormat;

/**
 * Renders one part offline with its own Gervill synthesizer: all MIDI messages are queued with
 * microsecond timestamps, then the stream is read as fast as the CPU allows. Gervill's own
 * reverb, chorus and limiter ("auto gain control") are off: the mixer does those for the whole
 * song, and stems must stay linear.
 */
public final class PartRenderer {
  public static final int SAMPLE_RATE = 44100;
  private static final AudioFormat FORMAT =
      new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, SAMPLE_RATE, 32, 2, 8, SAMPLE_RATE, false);
  private static final int DRUM_CHANNEL = 9;

  private final SoundBank soundBank;
  private final String interpolation;

  /** @param interpolation Gervill resampler: "linear" (fast) or "sinc" (cleaner, ~2.5× slower) */
  public PartRenderer(SoundBank soundBank, String interpolation) {
    this.soundBank = soundBank;
    this.interpolation = interpolation;
  }

  public Stem render(Part part, Groove groove, int frames) throws IOException {
    AudioSynthesizer synth = new SoftSynthesizer();
    Map<String, Object> info = new HashMap<>();
    info.put("interpolation", interpolation);
    info.put("max polyphony", 64);
    info.put("reverb", false);
    info.put("chorus", false);
    info.put("auto gain control", false);
    info.put("load default soundbank", false);
    try (InputStream stream = synth.openStream(FORMAT, info)) {
      loadInstruments(synth, part);
      Receiver receiver = synth.getReceiver();
      for (Timed t : messages(part, groove)) {
        receiver.send(t.message(), t.micros());
      }
      return read(part.name(), stream, frames);
    } catch (MidiUnavailableException | InvalidMidiDataException e) {
      throw new IOException("Gervill failed on part " + part.name(), e);
    } finally {
      synth.close();
    }
  }

  /**
   * Loads only what the part can play: loading a whole GM SoundFont into each part's synthesizer
   * cost ~80 ms a part with TimGM6mb. Bank 0 as the part asks for no bank: its program (or, for
   * drums on channel 10, the standard kit) and piano, Gervill's fallback for a missing program. A bank
   * with none of those gets everything, and Gervill's own fallbacks pick.
   */
  private void loadInstruments(AudioSynthesizer synth, Part part) {
    boolean loaded = false;
    for (Instrument instrument : soundBank.bank().getInstruments()) {
      Patch patch = instrument.getPatch();
      if (patch.getBank() != 0) {
        continue;
      }
      boolean kit = patch instanceof ModelPatch model && model.isPercussion();
      // Drums play kit 0 (no program change is sent on channel 10): a GM SoundFont's other
      // kits (FluidR3 has a dozen) cost load time in every drum part and are never heard.
      boolean wanted = part.drums() ? kit && patch.getProgram() == 0
          : !kit && (patch.getProgram() == part.program() || patch.getProgram() == 0);
      if (wanted) {
        loaded |= synth.loadInstrument(instrument);
      }
    }
    if (!loaded) {
      synth.loadAllInstruments(soundBank.bank());
    }
  }

  private record Timed(long micros, int order, ShortMessage message) {}

  static List<ShortMessage> setup(Part part, int channel) throws InvalidMidiDataException {
    List<ShortMessage> list = new ArrayList<>();
    if (!part.drums()) {
      list.add(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, part.program(), 0));
    }
    list.add(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 7, 100));
    list.add(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 10, 64));
    list.add(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 11, 127));
    list.add(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 91, 0));
    list.add(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 93, 0));
    return list;
  }

  private static List<Timed> messages(Part part, Groove groove) throws InvalidMidiDataException {
    int channel = part.drums() ? DRUM_CHANNEL : 0;
    List<Timed> timed = new ArrayList<>();
    for (ShortMessage m : setup(part, channel)) {
      timed.add(new Timed(0, 0, m));
    }
    // A note-off must not cut a later note of the same pitch: end each note before the next.
    Map<Integer, List<NoteEvent>> byPitch = new HashMap<>();
    for (NoteEvent n : part.notes()) {
      byPitch.computeIfAbsent(n.pitch(), k -> new ArrayList<>()).add(n);
    }
    for (List<NoteEvent> notes : byPitch.values()) {
      notes.sort(Comparator.comparingDouble(NoteEvent::beat));
      for (int i = 0; i < notes.size(); i++) {
        NoteEvent n = notes.get(i);
        double on = groove.seconds(n.beat());
        double off = groove.seconds(n.end());
        if (i + 1 < notes.size()) {
          off = Math.min(off, groove.seconds(notes.get(i + 1).beat()) - 0.002);
        }
        off = Math.max(off, on + 0.01);
        long onMicros = Math.round(on * 1e6) + 1000;
        long offMicros = Math.round(off * 1e6) + 1000;
        timed.add(new Timed(onMicros, 2, new ShortMessage(ShortMessage.NOTE_ON, channel, n.pitch(), n.velocity())));
        if (part.role() == PartRole.VOCAL) {
          vibrato(timed, channel, onMicros, offMicros);
        }
        timed.add(new Timed(offMicros, 1, new ShortMessage(ShortMessage.NOTE_OFF, channel, n.pitch(), 0)));
      }
    }
    timed.sort(Comparator.comparingLong(Timed::micros).thenComparingInt(Timed::order)
        .thenComparingInt(t -> t.message().getData1()));
    return timed;
  }

  /**
   * A singer's vibrato: the mod wheel (CC1, which Gervill routes to pitch vibrato) starts at zero
   * on each note and swells in after a quarter second on held notes.
   */
  private static void vibrato(List<Timed> timed, int channel, long on, long off)
      throws InvalidMidiDataException {
    timed.add(new Timed(on, 0, new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 1, 0)));
    long onset = on + 250_000;
    for (int step = 1; step <= 4 && onset + step * 60_000L < off; step++) {
      timed.add(new Timed(onset + step * 60_000L, 0,
          new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 1, 12 * step)));
    }
  }

  private static Stem read(String name, InputStream stream, int frames) throws IOException {
    float[] left = new float[frames];
    float[] right = new float[frames];
    byte[] buffer = new byte[8 * 4096];
    FloatBuffer floats = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] interleaved = new float[2 * 4096]; // one bulk copy out of the bytes, then split
    int frame = 0;
    while (frame < frames) {
      int want = Math.min(buffer.length, (frames - frame) * 8);
      int got = 0;
      while (got < want) {
        int n = stream.read(buffer, got, want - got);
        if (n < 0) {
          throw new IOException("synthesizer stream ended early");
        }
        got += n;
      }
      int count = got / 8;
      floats.get(0, interleaved, 0, 2 * count);
      for (int i = 0; i < count; i++) {
        left[frame + i] = interleaved[2 * i];
        right[frame + i] = interleaved[2 * i + 1];
      }
      frame += count;
    }
    return new Stem(name, left, right);
  }
}
