package io.backbeat.core.persona;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A reusable voice identity taken from one of an account's clips: who it was taken from, what the
 * caller called it, and the voice itself as the engine measured it ({@code voice}: register,
 * timbre, vibrato, phrasing; opaque to the core). One per account and source clip.
 */
public record Persona(
    String id, String accountId, String sourceTaskId, String sourceClipId, String name, String description, String style,
    ObjectNode voice, Instant createdAt) {
  public Persona {
    requireNonNull(id, "id is null");
    requireNonNull(accountId, "accountId is null");
    requireNonNull(sourceTaskId, "sourceTaskId is null");
    requireNonNull(sourceClipId, "sourceClipId is null");
    requireNonNull(name, "name is null");
    requireNonNull(voice, "voice is null");
    requireNonNull(createdAt, "createdAt is null");
  }
}
