package io.backbeat.providers.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The relay's own notes in the task row ({@code provider_state}), read and written only by the relay:
 * when the task was first offered to an upstream, when its current submit was sent, accepted or
 * became unknown, how often re-hosting failed, and a synchronous call's answer. Times are epoch
 * milliseconds. A copy: changes are saved with {@link #json()}.
 */
final class RelayState {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode node;

  private RelayState(ObjectNode node) {
    this.node = node;
  }

  static RelayState of(ObjectNode stored) {
    return new RelayState(stored == null ? JSON.createObjectNode() : stored.deepCopy());
  }

  ObjectNode json() {
    return node.deepCopy();
  }

  /** When the relay first tried to place the task: the horizon for "no channel would take it". */
  Instant firstOfferedAt() {
    return time("firstOfferedAt");
  }

  RelayState firstOfferedAt(Instant at) {
    if (!node.has("firstOfferedAt")) {
      node.put("firstOfferedAt", at.toEpochMilli());
    }
    return this;
  }

  /** When the current submit was sent (or was about to be). */
  Instant intentAt() {
    return time("intentAt");
  }

  RelayState intentAt(Instant at) {
    node.put("intentAt", at.toEpochMilli());
    node.remove("unknownSince");
    return this;
  }

  Instant acceptedAt() {
    return time("acceptedAt");
  }

  RelayState acceptedAt(Instant at) {
    node.put("acceptedAt", at.toEpochMilli());
    node.remove("unknownSince");
    node.remove("missingSince");
    return this;
  }

  /** Since when the current submit's outcome is unknown. */
  Instant unknownSince() {
    return time("unknownSince");
  }

  RelayState unknownSince(Instant at) {
    if (!node.has("unknownSince")) {
      node.put("unknownSince", at.toEpochMilli());
    }
    return this;
  }

  /** Since when the upstream says it has no such job (after it accepted one). */
  Instant missingSince() {
    return time("missingSince");
  }

  RelayState missingSince(Instant at) {
    if (!node.has("missingSince")) {
      node.put("missingSince", at.toEpochMilli());
    }
    return this;
  }

  RelayState found() {
    node.remove("missingSince");
    return this;
  }

  int rehostFailures() {
    return node.path("rehostFailures").asInt(0);
  }

  RelayState rehostFailed(String why) {
    node.put("rehostFailures", rehostFailures() + 1);
    node.put("lastRehostError", why);
    return this;
  }

  /** The answer of a synchronous upstream call, kept so a crash after it never calls again. */
  JsonNode answer() {
    return node.get("answer");
  }

  RelayState answer(JsonNode answer) {
    node.set("answer", answer);
    return this;
  }

  /** Why the last channel refused, for the task's error if it ends up failing. */
  String lastRefusal() {
    return node.path("lastRefusal").asText(null);
  }

  RelayState refused(String channel, String why) {
    node.put("lastRefusal", channel + ": " + why);
    return this;
  }

  private Instant time(String field) {
    JsonNode value = node.get(field);
    return value == null || !value.canConvertToLong() ? null : Instant.ofEpochMilli(value.asLong());
  }
}
