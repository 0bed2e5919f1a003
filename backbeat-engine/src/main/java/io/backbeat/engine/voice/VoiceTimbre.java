package io.backbeat.engine.voice;

/**
 * How a singer sounds, beyond the range it sings in: the parameters a persona may vary.
 *
 * @param formantScale vocal-tract length as a factor on the diphone voice's formants: 1.0 is the
 *     recorded male voice, about 1.15–1.2 sounds female; 0.9–1.3 stays natural
 * @param vibratoCents vibrato depth (± cents) on held notes
 * @param vibratoHz vibrato rate
 * @param vibratoDelaySeconds how long a note is held straight before the vibrato swells in
 * @param glideSeconds portamento time from one note's pitch into the next
 * @param scoopCents how far below the first note of a phrase the voice starts and slides up
 * @param air level of the breath and sibilance band (above ~5 kHz) relative to the voice, 0..1
 */
public record VoiceTimbre(double formantScale, double vibratoCents, double vibratoHz,
    double vibratoDelaySeconds, double glideSeconds, double scoopCents, double air) {
  public VoiceTimbre {
    if (!(formantScale >= 0.8 && formantScale <= 1.4)) {
      throw new IllegalArgumentException("formantScale must be within 0.8..1.4: " + formantScale);
    }
    if (!(vibratoCents >= 0 && vibratoCents <= 100) || !(vibratoHz >= 0 && vibratoHz <= 9)) {
      throw new IllegalArgumentException("vibrato out of range: " + vibratoCents + " cents at " + vibratoHz + " Hz");
    }
    if (!(vibratoDelaySeconds >= 0) || !(glideSeconds >= 0 && glideSeconds <= 0.3)
        || !(scoopCents >= 0 && scoopCents <= 300) || !(air >= 0 && air <= 1)) {
      throw new IllegalArgumentException("timbre out of range");
    }
  }

  /** The default male singer: the diphone voice as recorded. */
  public static VoiceTimbre male() {
    return new VoiceTimbre(1.0, 22, 5.4, 0.3, 0.07, 40, 0.25);
  }

  /** The default female singer: a shorter vocal tract (formants up 17 %). */
  public static VoiceTimbre female() {
    return new VoiceTimbre(1.17, 26, 5.8, 0.28, 0.06, 40, 0.3);
  }

  public static VoiceTimbre of(boolean female) {
    return female ? female() : male();
  }
}
