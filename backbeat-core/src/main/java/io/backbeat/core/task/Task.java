package io.backbeat.core.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One row of the {@code task} table: the record of a generation job and its queue entry.
 *
 * @param request the normalized request (secrets removed), as the provider reads it
 * @param originalPayload the request body as received (secrets removed), kept for support
 * @param result canonical outputs written by the provider (asset keys, titles, …); null until the
 *     first stage
 */
public record Task(
    String id,
    String accountId,
    String apiKeyId,
    TaskKind kind,
    String dialect,
    String route,
    String provider,
    TaskStatus status,
    Stage stage,
    ObjectNode request,
    ObjectNode originalPayload,
    ObjectNode result,
    String errorCode,
    String errorMessage,
    String callbackUrl,
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
    requireNonNull(kind, "kind is null");
    requireNonNull(dialect, "dialect is null");
    requireNonNull(route, "route is null");
    requireNonNull(provider, "provider is null");
    requireNonNull(status, "status is null");
    requireNonNull(stage, "stage is null");
    requireNonNull(request, "request is null");
    requireNonNull(nextRunAt, "nextRunAt is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }

  /** A new queued task, ready to insert. */
  public static Task queued(
      String id,
      String accountId,
      String apiKeyId,
      TaskKind kind,
      String dialect,
      String route,
      String provider,
      ObjectNode request,
      ObjectNode originalPayload,
      String callbackUrl,
      Instant now) {
    return new Task(
        id, accountId, apiKeyId, kind, dialect, route, provider, TaskStatus.QUEUED, Stage.NONE,
        request, originalPayload, null, null, null, callbackUrl, null, null, 0, now, now, now, null);
  }
}
