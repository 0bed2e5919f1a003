package io.backbeat.core.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.task.spec.TaskSpec;
import java.time.Instant;

/**
 * One row of the {@code task} table: the record of a generation job and its queue entry.
 *
 * @param spec what the task must produce, in canonical form (secrets removed)
 * @param originalPayload the request body as received (secrets removed), kept for support
 * @param result canonical outputs written by the provider (asset keys, titles, …); null until the
 *     first stage
 * @param handle the provider's state between steps (upstream id, submit state, …)
 * @param leaseOwner the worker running the task now; null while it is queued, or parked between steps
 */
public record Task(
    String id,
    String accountId,
    String apiKeyId,
    String dialect,
    String route,
    String provider,
    TaskStatus status,
    Stage stage,
    TaskSpec spec,
    ObjectNode originalPayload,
    ObjectNode result,
    String errorCode,
    String errorMessage,
    ProviderHandle handle,
    String leaseOwner,
    Instant leaseUntil,
    int attempts,
    Instant nextRunAt,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt) {

  public Task {
    requireNonNull(id, "id is null");
    requireNonNull(accountId, "accountId is null");
    requireNonNull(dialect, "dialect is null");
    requireNonNull(route, "route is null");
    requireNonNull(provider, "provider is null");
    requireNonNull(status, "status is null");
    requireNonNull(stage, "stage is null");
    requireNonNull(spec, "spec is null");
    requireNonNull(handle, "handle is null");
    requireNonNull(nextRunAt, "nextRunAt is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }

  public TaskKind kind() {
    return spec.kind();
  }

  /** Where this task's callbacks go, or null. */
  public String callbackUrl() {
    return spec.callbackUrl();
  }

  /** RUNNING without a worker: waiting for its next step at {@code nextRunAt}. */
  public boolean isParked() {
    return status == TaskStatus.RUNNING && leaseOwner == null;
  }

  /** A new queued task, ready to insert. */
  public static Task queued(
      String id,
      String accountId,
      String apiKeyId,
      String dialect,
      String route,
      String provider,
      TaskSpec spec,
      ObjectNode originalPayload,
      Instant now) {
    return new Task(
        id, accountId, apiKeyId, dialect, route, provider, TaskStatus.QUEUED, Stage.NONE, spec, originalPayload, null, null,
        null, ProviderHandle.NONE, null, null, 0, now, now, now, null);
  }
}
