package io.backbeat.core.store;

import java.util.Optional;

/**
 * Clients' own names for their tasks (Kling's {@code external_task_id}): unique per account, kept
 * beside the task's own id, never instead of it.
 */
public interface TaskReferenceStore {

  /** Names {@code taskId} {@code reference}; throws {@link DuplicateKeyException} if the account already uses it. */
  void insert(String accountId, String reference, String taskId);

  /** The account's task named {@code reference}. */
  Optional<String> taskIdOf(String accountId, String reference);

  /** The name the client gave {@code taskId}, if any. */
  Optional<String> referenceOf(String taskId);
}
