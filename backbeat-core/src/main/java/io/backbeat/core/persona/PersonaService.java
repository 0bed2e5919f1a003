package io.backbeat.core.persona;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Secrets;
import io.backbeat.core.store.Transactor;
import java.time.InstantSource;
import java.util.Optional;

/** Stores and finds personas; ids are random ({@code persona_…}), so they cannot be guessed. */
public final class PersonaService {
  private final Transactor transactor;
  private final InstantSource clock;

  public PersonaService(Transactor transactor, InstantSource clock) {
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** A new persona; a {@link io.backbeat.core.store.DuplicateKeyException} when the account already has one of that clip. */
  public Persona create(String accountId, String sourceTaskId, String sourceClipId, String name, String description, String style, ObjectNode voice) {
    Persona persona = new Persona(Secrets.newId("persona_"), accountId, sourceTaskId, sourceClipId, name, description, style, voice, clock.instant());
    transactor.useTransaction(tx -> tx.personas().insert(persona));
    return persona;
  }

  public Optional<Persona> find(String id) {
    return transactor.inTransaction(tx -> tx.personas().find(id));
  }

  public Optional<Persona> bySource(String accountId, String sourceClipId) {
    return transactor.inTransaction(tx -> tx.personas().findBySource(accountId, sourceClipId));
  }
}
