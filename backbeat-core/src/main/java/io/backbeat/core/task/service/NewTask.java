package io.backbeat.core.task.service;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Principal;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.TaskSpec;

/**
 * A validated create request, as a dialect hands it to {@link TaskService}.
 *
 * @param dialect the surface that created it; renders its answers and callbacks
 * @param route the dialect's query family, e.g. {@code suno.music}; decides where the task is polled
 * @param spec what to produce, in canonical form
 * @param originalPayload the body as received, secrets removed
 * @param clientReference the client's own name for the task (Kling's {@code external_task_id}),
 *     unique per account; null for none
 */
public record NewTask(
    Principal principal, String dialect, String route, TaskSpec spec, ObjectNode originalPayload, String clientReference) {
  public NewTask(Principal principal, String dialect, String route, TaskSpec spec, ObjectNode originalPayload) {
    this(principal, dialect, route, spec, originalPayload, null);
  }

  public NewTask {
    requireNonNull(principal, "principal is null");
    requireNonNull(dialect, "dialect is null");
    requireNonNull(route, "route is null");
    requireNonNull(spec, "spec is null");
    requireNonNull(originalPayload, "originalPayload is null");
  }

  public TaskKind kind() {
    return spec.kind();
  }

  public NewTask withOriginalPayload(ObjectNode payload) {
    return new NewTask(principal, dialect, route, spec, payload, clientReference);
  }
}
