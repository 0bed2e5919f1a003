package io.backbeat.core.store;

import io.backbeat.core.persona.Persona;
import java.util.Optional;

/** The persona table: voice identities, one per account and source clip. */
public interface PersonaStore {

  /** Stores a new persona; a {@link DuplicateKeyException} when the account already has one of that clip (or the id is taken). */
  void insert(Persona persona);

  Optional<Persona> find(String id);

  /** The account's persona taken from {@code sourceClipId}, if any. */
  Optional<Persona> findBySource(String accountId, String sourceClipId);
}
