package io.backbeat.engine.compose;

import java.util.List;
import java.util.Objects;

/**
 * One instrument track: rendered alone (its stem), then mixed.
 *
 * @param name stem name ("drums", "bass", "keys", "guitar", "pad", "brass", "vocal", …), unique in an arrangement
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

  /**
   * The name of a melodic part of role {@code role} ("keys", "lead", "pad", "color") playing GM
   * {@code program}: guitars (24–31) and brass (56–63) are named after their family, since each is
   * a stem of its own ("guitar" for the chords, "guitar-lead", "brass", "brass-lead", …).
   */
  static String named(String role, int program) {
    String family = program >= 24 && program <= 31 ? "guitar" : program >= 56 && program <= 63 ? "brass" : null;
    if (family == null) {
      return role;
    }
    return role.equals("keys") || (family.equals("brass") && role.equals("color")) ? family : family + "-" + role;
  }
}
