package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.TaskKind;

/**
 * The stored form of a {@link TaskSpec}: {@code {"v":1,"type":"song",…}}. The version lets a later
 * release read what an earlier one wrote: when a shape changes incompatibly, {@link #VERSION} goes up
 * and {@link #read} learns the old one (or a migration rewrites the rows, as V2 did for the untyped
 * requests stored before specs were typed).
 */
public final class TaskSpecJson {
  /** The version {@link #write} produces. Bump it, and teach {@link #read} the old one, when a shape changes incompatibly. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          // a newer release may add optional fields; an older one reading them back must not fail
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private TaskSpecJson() {}

  public static ObjectNode write(TaskSpec spec) {
    requireNonNull(spec, "spec is null");
    ObjectNode body = MAPPER.valueToTree(spec);
    ObjectNode stored = MAPPER.createObjectNode().put("v", VERSION);
    stored.setAll(body);
    return stored;
  }

  /**
   * Reads a stored spec.
   *
   * @param kind the task's kind column: a purged row keeps only that
   * @throws IllegalArgumentException when the JSON is no spec this release understands
   */
  public static TaskSpec read(JsonNode stored, TaskKind kind) {
    requireNonNull(kind, "kind is null");
    if (stored == null || stored.isNull() || (stored.isObject() && stored.isEmpty())) {
      return new PurgedSpec(kind); // retention cleared it
    }
    if (!stored.isObject()) {
      throw new IllegalArgumentException("a stored spec must be a JSON object");
    }
    int version = stored.path("v").asInt(0);
    if (version < 1) {
      throw new IllegalArgumentException("a stored spec has no version; V2 of the schema migrates untyped requests");
    }
    if (version > VERSION) {
      throw new IllegalArgumentException("spec version " + version + " is newer than this release understands (" + VERSION + ")");
    }
    ObjectNode body = ((ObjectNode) stored).deepCopy();
    body.remove("v");
    try {
      return MAPPER.treeToValue(body, TaskSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable " + kind + " spec: " + e.getOriginalMessage(), e);
    }
  }
}
