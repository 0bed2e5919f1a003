package io.backbeat.core.store;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The task table: record and queue. Every mutation is one statement whose row count decides. */
public interface TaskStore {

  void insert(Task task);

  Optional<Task> find(String id);

  /** The task if it belongs to {@code accountId}; another account's task is simply absent. */
  Optional<Task> findOwned(String accountId, String id);

  /**
   * Leases up to {@code limit} due tasks to {@code owner} in one statement: QUEUED tasks whose
   * {@code next_run_at <= now}, and RUNNING tasks whose lease expired (their worker died). They
   * become RUNNING with {@code lease_until = leaseUntil} and {@code attempts + 1}.
   */
  List<Task> claimDue(String owner, Instant now, Instant leaseUntil, int limit);

  /**
   * Extends the lease of a RUNNING task {@code owner} holds. False when the lease is no longer
   * {@code owner}'s or the task left RUNNING (canceled, say): the run should stop.
   */
  boolean renewLease(String owner, String taskId, Instant leaseUntil);

  /**
   * Applies a transition as one compare-and-set. Returns true when this call changed the row; false
   * when the guard no longer matched (a race was lost: do nothing else).
   */
  boolean apply(Transition transition, Instant now);

  /**
   * The earliest moment something becomes claimable: a queued task's {@code next_run_at} or a running
   * task's {@code lease_until} (its worker may be dead), so an idle dispatcher knows when to look again.
   */
  Optional<Instant> nextDueAt();

  /** One page of an account's tasks matching the query, newest first. */
  List<Task> list(TaskQuery query);

  /** Terminal tasks finished before {@code cutoff} whose assets were not purged yet (retention). */
  List<Task> finishedWithAssetsBefore(Instant cutoff, int limit);

  void markAssetsPurged(String taskId, Instant now);

  /**
   * Clears request, original payload and result of terminal tasks finished before {@code cutoff}
   * (retention); returns how many tasks were purged.
   */
  int purgePayloads(Instant cutoff, Instant now);
}
