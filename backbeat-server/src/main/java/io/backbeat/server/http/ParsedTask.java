package io.backbeat.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.spec.TaskSpec;

/** What a dialect's request parser makes of a valid create request. */
public record ParsedTask(TaskSpec spec, ObjectNode originalPayload) {
  public ParsedTask {
    requireNonNull(spec, "spec is null");
    requireNonNull(originalPayload, "originalPayload is null");
  }
}
