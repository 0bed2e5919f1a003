package io.backbeat.engine.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.compose.VoiceRange;
import org.junit.jupiter.api.Test;

class VoiceMeterTest {
  private static final int RATE = 44100;

  /** A voice-like tone walking up and down {@code notes} (MIDI), half a second each, with vibrato of ± {@code cents} at 5.5 Hz. */
  private static float[] sung(int[] notes, double cents) {
    float[] out = new float[notes.length * RATE / 2];
    double phase = 0;
    for (int i = 0; i < out.length; i++) {
      double t = i / (double) RATE;
      int note = notes[i / (RATE / 2)];
      double midi = note + cents / 100 * Math.sin(2 * Math.PI * 5.5 * t);
      double hz = 440 * Math.pow(2, (midi - 69) / 12);
      phase += 2 * Math.PI * hz / RATE;
      out[i] = (float) (0.4 * Math.sin(phase) + 0.15 * Math.sin(2 * phase) + 0.05 * Math.sin(3 * phase));
    }
    return out;
  }

  @Test
  void a_high_voice_is_measured_in_its_register_with_its_vibrato() {
    int[] notes = {64, 66, 67, 69, 71, 72, 74, 72, 71, 69, 67, 66, 64, 66, 67, 69, 71, 72, 74, 76};
    PersonaVoice voice = VoiceMeter.measure(sung(notes, 30), RATE);
    assertThat(voice.female()).isTrue();
    assertThat(voice.lowMidi()).isBetween(62, 65);
    assertThat(voice.highMidi()).isBetween(74, 77);
    assertThat(voice.centreMidi()).isCloseTo(70, within(1.5)); // the notes' median is 69–71
    assertThat(voice.vibratoCents()).isCloseTo(30, within(12.0));
  }

  @Test
  void a_low_steady_voice_is_male_with_little_vibrato() {
    int[] notes = {45, 47, 48, 50, 52, 50, 48, 47, 45, 47, 48, 50, 52, 53, 55, 53, 52, 50};
    PersonaVoice voice = VoiceMeter.measure(sung(notes, 0), RATE);
    assertThat(voice.female()).isFalse();
    assertThat(voice.lowMidi()).isBetween(43, 46);
    assertThat(voice.highMidi() - voice.lowMidi()).isGreaterThanOrEqualTo(12);
    assertThat(voice.vibratoCents()).isLessThan(12);
  }

  @Test
  void silence_is_no_voice() {
    assertThatThrownBy(() -> VoiceMeter.measure(new float[RATE * 5], RATE)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_persona_revoices_a_singer_in_its_register_and_timbre() {
    Voice base = new Voice("male singer", false, new VoiceRange(53, 43, 62));
    PersonaVoice persona = new PersonaVoice(true, 60, 77, 1.17, 33, 5.8, 0.06, 0.3, 67.5);
    Voice sung = persona.apply(base);
    assertThat(sung.range().centre()).isEqualTo(67.5);
    assertThat(sung.female()).isTrue();
    assertThat(sung.range().low()).isEqualTo(60);
    assertThat(sung.range().high()).isEqualTo(77);
    assertThat(sung.program()).isEqualTo(53);
    assertThat(sung.timbre().vibratoCents()).isEqualTo(33);
    assertThat(sung.timbre().formantScale()).isEqualTo(1.17);
  }
}
