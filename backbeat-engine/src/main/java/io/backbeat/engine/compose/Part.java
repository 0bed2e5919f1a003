package io.backbeat.engine.compose;

import java.util.List;
import java.util.Objects;

/**
 * One instrument track: rendered alone (its stem), then mixed.
 *
 * @param name stem name ("drums", "bass", "keys", "pad", "vocal", …), unique in an arrangement
 * @param program GM program (ignored for drums, which play on MIDI channel 10)
 * @param gainDb mix gain
 * @param pan -1 (left) .. 1 (right)
 * @param reverb 0..1 send to the shared reverb
 */
public record Part(String name, PartRole role, int program, boolean drums, List<NoteEvent> notes,
    double gainDb, double pan, double reverb) {
  public Part {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(role, "role is null");
    notes = List.copyOf(notes);
  }
}
