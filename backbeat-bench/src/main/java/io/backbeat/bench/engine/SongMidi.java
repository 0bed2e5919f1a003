package io.backbeat.bench.engine;

import io.backbeat.engine.compose.Arrangement;
import io.backbeat.engine.compose.NoteEvent;
import io.backbeat.engine.compose.Part;
import io.backbeat.engine.compose.PartRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * The notes the studio plays for one clip, as a standard MIDI file for FluidSynth: every part the
 * SoundFont plays (a sung vocal is not MIDI), each on its own channel (drums on channel 10), at the
 * seconds the groove puts them (swing included), with the programs and levels the renderer sets.
 */
public final class SongMidi {
  /** 960 ticks per quarter at 120 bpm: one tick is 1/1920 s, so ticks are plain seconds. */
  static final int PPQ = 960;
  static final double TICKS_PER_SECOND = 1920;
  private static final int DRUM_CHANNEL = 9;

  private SongMidi() {}

  /** The parts FluidSynth plays: all but a vocal that a voice sings. */
  public static List<Part> playedParts(Arrangement arrangement, boolean sung) {
    return arrangement.parts().stream().filter(p -> !(sung && p.role() == PartRole.VOCAL)).toList();
  }

  public static Sequence sequence(Arrangement arrangement, List<Part> parts) throws InvalidMidiDataException {
    Sequence sequence = new Sequence(Sequence.PPQ, PPQ);
    Track tempo = sequence.createTrack();
    tempo.add(new MidiEvent(new MetaMessage(0x51, new byte[] {0x07, (byte) 0xA1, 0x20}, 3), 0)); // 500,000 µs a quarter
    int next = 0;
    for (Part part : parts) {
      int channel;
      if (part.drums()) {
        channel = DRUM_CHANNEL;
      } else {
        channel = next++ % 15;
        channel = channel >= DRUM_CHANNEL ? channel + 1 : channel;
      }
      Track track = sequence.createTrack();
      if (!part.drums()) {
        track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, part.program(), 0), 0));
      }
      track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 7, 100), 0));
      track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 10, 64), 0));
      track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 11, 127), 0));
      // as the renderer does: a note-off never cuts a later note of the same pitch
      Map<Integer, List<NoteEvent>> byPitch = new HashMap<>();
      for (NoteEvent n : part.notes()) {
        byPitch.computeIfAbsent(n.pitch(), k -> new ArrayList<>()).add(n);
      }
      for (List<NoteEvent> notes : byPitch.values()) {
        notes.sort(Comparator.comparingDouble(NoteEvent::beat));
        for (int i = 0; i < notes.size(); i++) {
          NoteEvent n = notes.get(i);
          double on = arrangement.groove().seconds(n.beat());
          double off = arrangement.groove().seconds(n.end());
          if (i + 1 < notes.size()) {
            off = Math.min(off, arrangement.groove().seconds(notes.get(i + 1).beat()) - 0.002);
          }
          off = Math.max(off, on + 0.01);
          track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, channel, n.pitch(), n.velocity()), ticks(on)));
          track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel, n.pitch(), 0), ticks(off)));
        }
      }
    }
    // the file ends where the clip does (the tail lets the last chord ring out)
    tempo.add(new MidiEvent(new MetaMessage(0x2F, new byte[0], 0), ticks(arrangement.durationSeconds())));
    return sequence;
  }

  public static void write(Arrangement arrangement, List<Part> parts, Path file) throws IOException {
    try {
      MidiSystem.write(sequence(arrangement, parts), 1, file.toFile());
    } catch (InvalidMidiDataException e) {
      throw new IOException("cannot write the clip's MIDI", e);
    }
  }

  private static long ticks(double seconds) {
    return Math.max(0, Math.round(seconds * TICKS_PER_SECOND));
  }
}
