package io.backbeat.engine.voice;

import io.backbeat.engine.compose.VocalHint;
import io.backbeat.engine.compose.VoiceRange;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Chooses the singer. An explicit {@code vocalGender} wins over the style's hints; a persona id is
 * a seed for a consistent voice (same range, timbre and fallback patch on every request that names
 * it). A persona with stored parameters replaces them with {@link Voice#withTimbre} and
 * {@link Voice#withRange}.
 */
public final class VoiceCaster {
  /** GM voice-like programs: Voice Oohs, Synth Voice, Lead 6 (voice), Choir Aahs. */
  static final int VOICE_OOHS = 53;
  static final int SYNTH_VOICE = 54;
  static final int LEAD_VOICE = 85;
  static final int CHOIR_AAHS = 52;

  private VoiceCaster() {}

  public static Voice cast(VocalHint hint, String vocalGender, String personaId, long clipSeed) {
    boolean persona = personaId != null && !personaId.isBlank();
    SplittableRandom random = new SplittableRandom(persona ? fnv64(personaId.strip()) : clipSeed);
    String g = vocalGender == null ? "" : vocalGender.strip().toLowerCase(Locale.ROOT);
    boolean female;
    if (g.startsWith("f")) {
      female = true;
    } else if (g.startsWith("m")) {
      female = false;
    } else if (hint == VocalHint.FEMALE) {
      female = true;
    } else if (hint == VocalHint.MALE) {
      female = false;
    } else {
      female = random.nextBoolean();
    }
    int program;
    if (hint == VocalHint.CHOIR) {
      program = CHOIR_AAHS;
    } else {
      double pick = random.nextDouble();
      program = pick < 0.5 ? VOICE_OOHS : pick < 0.8 ? SYNTH_VOICE : pick < 0.92 ? LEAD_VOICE : CHOIR_AAHS;
    }
    // Comfortable pop ranges, a tenth-and-more wide; personas shift them a little. The line is centred
    // a minor seventh over the bottom (F#3 to A3 for men, F#4 to A4 for women) in every key: left to
    // itself it sat up to 7 semitones higher or lower depending on the key.
    int shift = random.nextInt(4);
    int low = (female ? 55 : 43) + shift;
    VoiceRange range = new VoiceRange(program, low, low + 19, low + 10);
    // The program is only the fallback patch (the vocal is sung); the label names the singer.
    String label = (female ? "female" : "male") + " singer";
    return new Voice(label, female, range, timbre(female, random));
  }

  /**
   * The singer's timbre around its register's default: vocal-tract length (formant scale), vibrato
   * and glide vary a little per clip, and stay fixed for a persona (same seed).
   */
  static VoiceTimbre timbre(boolean female, SplittableRandom random) {
    VoiceTimbre base = VoiceTimbre.of(female);
    return new VoiceTimbre(
        base.formantScale() * (0.96 + 0.07 * random.nextDouble()),
        base.vibratoCents() * (0.75 + 0.5 * random.nextDouble()),
        base.vibratoHz() * (0.92 + 0.16 * random.nextDouble()),
        base.vibratoDelaySeconds(),
        base.glideSeconds() * (0.8 + 0.4 * random.nextDouble()),
        base.scoopCents(),
        base.air());
  }

  /** FNV-1a 64: a stable hash of the persona id across JVMs and releases. */
  static long fnv64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
