package io.backbeat.engine.voice;

import java.util.Optional;

/** Finds the stored voice of a persona id; an unknown id is a seed for a consistent voice instead ({@link VoiceCaster}). */
@FunctionalInterface
public interface PersonaVoices {
  PersonaVoices NONE = id -> Optional.empty();

  Optional<PersonaVoice> find(String personaId);
}
