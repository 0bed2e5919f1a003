package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.persona.Persona;
import io.backbeat.engine.voice.PersonaVoice;
import java.util.Optional;

/** A persona's stored {@code voice} JSON and the engine's {@link PersonaVoice}, both ways. */
public final class PersonaVoiceJson {
  private PersonaVoiceJson() {}

  public static ObjectNode write(PersonaVoice v) {
    return JsonNodeFactory.instance.objectNode()
        .put("female", v.female()).put("lowMidi", v.lowMidi()).put("highMidi", v.highMidi()).put("formantScale", v.formantScale())
        .put("vibratoCents", v.vibratoCents()).put("vibratoHz", v.vibratoHz()).put("glideSeconds", v.glideSeconds()).put("air", v.air())
        .put("centreMidi", v.centreMidi());
  }

  /** The persona's voice, or empty when its JSON is not one the engine can sing (then its id seeds a voice instead). */
  public static Optional<PersonaVoice> read(Persona persona) {
    JsonNode v = persona.voice();
    try {
      return Optional.of(
          new PersonaVoice(v.path("female").asBoolean(), v.path("lowMidi").asInt(), v.path("highMidi").asInt(), v.path("formantScale").asDouble(1.0),
              v.path("vibratoCents").asDouble(20), v.path("vibratoHz").asDouble(5.5), v.path("glideSeconds").asDouble(0.07), v.path("air").asDouble(0.25),
              // kept before the centre was measured: the middle of the range
              v.path("centreMidi").asDouble((v.path("lowMidi").asInt() + v.path("highMidi").asInt()) / 2.0)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
