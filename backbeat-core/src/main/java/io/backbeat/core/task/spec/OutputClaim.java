package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;

/**
 * An output of which an account may have only one per source: while the task that claimed it is
 * queued, running or succeeded, a second create of the same claim is refused (one WAV per clip, one
 * cover set per music task, one persona per clip). The store enforces it in the create transaction.
 *
 * @param clipId the source clip, or null when the claim covers the whole source task
 */
public record OutputClaim(TaskKind kind, String sourceTaskId, String clipId) {
  public OutputClaim {
    requireNonNull(kind, "kind is null");
    Checks.required(sourceTaskId, "sourceTaskId");
  }
}
