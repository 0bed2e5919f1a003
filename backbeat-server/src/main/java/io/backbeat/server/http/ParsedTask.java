package io.backbeat.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.spec.TaskSpec;
import java.util.function.Function;

/**
 * What a dialect's request parser makes of a valid create request.
 *
 * @param clientReference the client's own name for the task, unique per account (Kling's
 *     {@code external_task_id}); null for none
 * @param whenClaimed the dialect's documented answer when the spec's one-per-source output is held
 *     by another task (given that task's id); null for the generic conflict
 */
public record ParsedTask(TaskSpec spec, ObjectNode originalPayload, String clientReference, Function<String, BackbeatException> whenClaimed) {
  public ParsedTask(TaskSpec spec, ObjectNode originalPayload) {
    this(spec, originalPayload, null, null);
  }

  public ParsedTask(TaskSpec spec, ObjectNode originalPayload, String clientReference) {
    this(spec, originalPayload, clientReference, null);
  }

  public ParsedTask {
    requireNonNull(spec, "spec is null");
    requireNonNull(originalPayload, "originalPayload is null");
  }

  /** The same request, answering {@code answer(holderTaskId)} when its output is already claimed. */
  public ParsedTask whenClaimed(Function<String, BackbeatException> answer) {
    return new ParsedTask(spec, originalPayload, clientReference, requireNonNull(answer, "answer is null"));
  }

  /** What to throw when another task holds this request's output. */
  BackbeatException claimed(String holderTaskId) {
    if (whenClaimed != null) {
      return whenClaimed.apply(holderTaskId);
    }
    return new BackbeatException(BackbeatError.ALREADY_EXISTS, "this output already exists for its source: task " + holderTaskId);
  }
}
