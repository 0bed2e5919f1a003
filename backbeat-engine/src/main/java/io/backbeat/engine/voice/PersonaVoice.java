package io.backbeat.engine.voice;

import io.backbeat.engine.compose.VoiceRange;

/**
 * A singer kept as a persona: the register measured from a clip's vocal (where it sat, the notes it
 * reached), its vibrato, and the timbre and phrasing that go with them. A song that names the
 * persona is sung by this voice: its melody is written inside {@code lowMidi}–{@code highMidi},
 * centred where the singer sat.
 *
 * @param lowMidi lowest comfortable note (MIDI), at least an octave under {@code highMidi}
 * @param vibratoCents vibrato depth measured on the clip's held notes (± cents)
 * @param centreMidi the median of the clip's sung pitches (MIDI); a new line's median is put there
 */
public record PersonaVoice(boolean female, int lowMidi, int highMidi, double formantScale, double vibratoCents, double vibratoHz,
    double glideSeconds, double air, double centreMidi) {
  public PersonaVoice {
    if (highMidi - lowMidi < 12) {
      throw new IllegalArgumentException("a persona's range must span an octave: " + lowMidi + ".." + highMidi);
    }
    if (Double.isNaN(centreMidi) || centreMidi < lowMidi || centreMidi > highMidi) {
      throw new IllegalArgumentException("a persona's centre must lie in its range: " + centreMidi);
    }
  }

  /** A persona kept before its centre was measured: the middle of its range (which was the 10th to 90th percentile). */
  public PersonaVoice(boolean female, int lowMidi, int highMidi, double formantScale, double vibratoCents, double vibratoHz,
      double glideSeconds, double air) {
    this(female, lowMidi, highMidi, formantScale, vibratoCents, vibratoHz, glideSeconds, air, (lowMidi + highMidi) / 2.0);
  }

  /** {@code base} (the singer a song would have cast) re-voiced as this persona: its register, timbre, vibrato and glide. */
  public Voice apply(Voice base) {
    VoiceTimbre t = base.timbre();
    VoiceTimbre timbre = new VoiceTimbre(formantScale, vibratoCents, vibratoHz, t.vibratoDelaySeconds(), glideSeconds, t.scoopCents(), air);
    return new Voice("persona " + (female ? "female" : "male") + " singer", female, new VoiceRange(base.program(), lowMidi, highMidi, centreMidi), timbre);
  }
}
