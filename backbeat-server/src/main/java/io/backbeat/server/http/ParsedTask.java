package io.backbeat.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.spec.TaskSpec;

/**
 * What a dialect's request parser makes of a valid create request.
 *
 * @param clientReference the client's own name for the task, unique per account (Kling's
 *     {@code external_task_id}); null for none
 */
public record ParsedTask(TaskSpec spec, ObjectNode originalPayload, String clientReference) {
  public ParsedTask(TaskSpec spec, ObjectNode originalPayload) {
    this(spec, originalPayload, null);
  }

  public ParsedTask {
    requireNonNull(spec, "spec is null");
    requireNonNull(originalPayload, "originalPayload is null");
  }
}
