package io.backbeat.core.task.service;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Principal;
import io.backbeat.core.task.TaskKind;

/**
 * A validated create request, in canonical form, as a dialect hands it to {@link TaskService}.
 *
 * @param route the dialect route family, e.g. {@code suno.lyrics}; decides where it is polled
 * @param request normalized parameters the provider reads
 * @param originalPayload the body as received, secrets removed
 * @param callbackUrl where callbacks go, or null for none
 */
public record NewTask(
    Principal principal,
    TaskKind kind,
    String dialect,
    String route,
    ObjectNode request,
    ObjectNode originalPayload,
    String callbackUrl) {
  public NewTask {
    requireNonNull(principal, "principal is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(dialect, "dialect is null");
    requireNonNull(route, "route is null");
    requireNonNull(request, "request is null");
    requireNonNull(originalPayload, "originalPayload is null");
  }
}
