package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.persona.Persona;
import io.backbeat.core.store.PersonaStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@code persona}: voice identities, unique per account and source clip. */
public final class JdbiPersonaStore implements PersonaStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiPersonaStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  @Override
  public void insert(Persona persona) {
    requireNonNull(persona, "persona is null");
    String voice;
    try {
      voice = Json.MAPPER.writeValueAsString(persona.voice());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("persona voice is not JSON", e);
    }
    String json = voice;
    Duplicates.translate(
        "a persona of clip " + persona.sourceClipId(),
        () ->
            handle
                .createUpdate(sql.get(JdbiPersonaStore.class, "insert"))
                .bind("id", persona.id())
                .bind("accountId", persona.accountId())
                .bind("sourceTaskId", persona.sourceTaskId())
                .bind("sourceClipId", persona.sourceClipId())
                .bind("name", persona.name())
                .bind("description", persona.description())
                .bind("style", persona.style())
                .bind("voice", json)
                .bind("createdAt", Rows.millis(persona.createdAt()))
                .execute());
  }

  @Override
  public Optional<Persona> find(String id) {
    requireNonNull(id, "id is null");
    return handle.createQuery(sql.get(JdbiPersonaStore.class, "find")).bind("id", id).map(JdbiPersonaStore::persona).findOne();
  }

  @Override
  public Optional<Persona> findBySource(String accountId, String sourceClipId) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(sourceClipId, "sourceClipId is null");
    return handle
        .createQuery(sql.get(JdbiPersonaStore.class, "findBySource"))
        .bind("accountId", accountId)
        .bind("sourceClipId", sourceClipId)
        .map(JdbiPersonaStore::persona)
        .findOne();
  }

  private static Persona persona(ResultSet rs, StatementContext ctx) throws SQLException {
    ObjectNode voice;
    try {
      voice = (ObjectNode) Json.MAPPER.readTree(rs.getString("voice"));
    } catch (JsonProcessingException e) {
      throw new SQLException("persona " + rs.getString("id") + " has a voice that is not JSON", e);
    }
    return new Persona(
        rs.getString("id"), rs.getString("account_id"), rs.getString("source_task_id"), rs.getString("source_clip_id"), rs.getString("name"),
        rs.getString("description"), rs.getString("style"), voice, Rows.instant(rs, "created_at"));
  }
}
