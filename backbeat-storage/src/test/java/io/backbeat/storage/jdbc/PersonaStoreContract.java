package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Account;
import io.backbeat.core.persona.Persona;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Personas: found by id and by source clip; one per account and source clip. */
abstract class PersonaStoreContract extends StoreContract {
  Account account;
  Task task;

  @BeforeEach
  void createSource() {
    account = newAccount("acme");
    task = newQueuedTask(account, T0);
  }

  static ObjectNode voice(double low) {
    ObjectNode voice = Json.MAPPER.createObjectNode();
    voice.put("female", true).put("lowMidi", low).put("highMidi", low + 17).put("vibratoCents", 24.5);
    return voice;
  }

  java.util.Optional<Persona> find(String id) {
    return tx(t -> t.personas().find(id));
  }

  java.util.Optional<Persona> bySource(String accountId, String clip) {
    return tx(t -> t.personas().findBySource(accountId, clip));
  }

  Persona persona(String id, Account owner, String clip) {
    return new Persona(id, owner.id(), task.id(), clip, "Nora", "airy alto", "indie folk", voice(57), T0);
  }

  @Test
  void a_persona_is_found_by_id_and_by_its_source_clip_as_stored() {
    Persona nora = persona("persona_1", account, "clip-a");
    inTx(tx -> tx.personas().insert(nora));

    assertThat(find("persona_1")).contains(nora);
    assertThat(bySource(account.id(), "clip-a")).contains(nora);
    assertThat(find("persona_2")).isEmpty();
    assertThat(bySource(account.id(), "clip-b")).isEmpty();
  }

  @Test
  void one_persona_per_account_and_source_clip() {
    inTx(tx -> tx.personas().insert(persona("persona_1", account, "clip-a")));

    assertThatThrownBy(() -> inTx(tx -> tx.personas().insert(persona("persona_2", account, "clip-a"))))
        .isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> inTx(tx -> tx.personas().insert(persona("persona_1", account, "clip-b"))))
        .isInstanceOf(DuplicateKeyException.class);
    // another clip, or another account's persona of the same clip id, is fine
    inTx(tx -> tx.personas().insert(persona("persona_3", account, "clip-b")));
    Account other = newAccount("other");
    inTx(tx -> tx.personas().insert(persona("persona_4", other, "clip-a")));
    assertThat(bySource(other.id(), "clip-a")).get().extracting(Persona::id).isEqualTo("persona_4");
    assertThat(bySource(account.id(), "clip-a")).get().extracting(Persona::id).isEqualTo("persona_1");
  }

  @Test
  void optional_texts_may_be_absent() {
    Persona bare = new Persona("persona_5", account.id(), task.id(), "clip-c", "Bare", null, null, voice(45), T0);
    inTx(tx -> tx.personas().insert(bare));
    assertThat(find("persona_5")).contains(bare);
  }
}
