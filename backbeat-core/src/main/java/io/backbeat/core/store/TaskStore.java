package io.backbeat.core.store;

import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.Transition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The task table: record and queue. Every mutation is one statement whose row count decides. */
public interface TaskStore {

  void insert(Task task);

  Optional<Task> find(String id);

  /** The task if it belongs to {@code accountId}; another account's task is simply absent. */
  Optional<Task> findOwned(String accountId, String id);

  /**
   * The version columns of the task if it belongs to {@code accountId}: what a poll compares with the
   * answer it rendered last time, instead of reading and rendering the whole row again.
   */
  Optional<io.backbeat.core.task.TaskVersion> findOwnedVersion(String accountId, String id);

  /**
   * Claims {@code claim} of {@code accountId} for {@code taskId}, in the create's transaction: empty
   * when the claim is now the task's, else the id of the task already holding it (nothing written).
   * A claim is released when its task fails or is canceled, so the output can be requested again.
   */
  Optional<String> claimOutput(String accountId, io.backbeat.core.task.spec.OutputClaim claim, String taskId);

  /**
   * Leases up to {@code limit} of {@code provider}'s QUEUED tasks whose {@code next_run_at <= now}
   * to {@code owner} in one statement. They become RUNNING with {@code lease_until = leaseUntil}
   * and {@code attempts + 1}, in due order.
   */
  List<Task> claimDue(String owner, String provider, Instant now, Instant leaseUntil, int limit);

  /**
   * Leases up to {@code limit} of {@code provider}'s parked tasks (RUNNING, unleased) whose next
   * step is due, in one statement. Waking is not an attempt: {@code attempts} stays.
   */
  List<Task> claimWakeUps(String owner, String provider, Instant now, Instant leaseUntil, int limit);

  /**
   * Extends the lease of a RUNNING task {@code owner} holds. False when the lease is no longer
   * {@code owner}'s or the task left RUNNING (canceled, say): the run should stop.
   */
  boolean renewLease(String owner, String taskId, Instant leaseUntil);

  /**
   * Writes the provider's handle of a task {@code owner} holds the lease of. False when it no
   * longer does: nothing was written.
   */
  boolean saveHandle(String owner, String taskId, ProviderHandle handle, Instant now);

  /**
   * Applies a transition as one compare-and-set. Returns true when this call changed the row; false
   * when the guard no longer matched (a race was lost: do nothing else).
   */
  boolean apply(Transition transition, Instant now);

  /** RUNNING tasks whose lease expired before {@code now}, by id after {@code afterId} (keyset paging). */
  List<Task> expiredLeases(Instant now, String afterId, int limit);

  /**
   * The earliest {@code next_run_at} of unleased work (queued, or parked between steps) of the given
   * providers, so an idle dispatcher knows when to look again.
   */
  Optional<Instant> nextDueAt(Collection<String> providers);

  /** The earliest moment a lease expires, so the lease reaper knows when to look again. */
  Optional<Instant> nextLeaseExpiry();

  /**
   * Makes a parked task's next step due at {@code now} (an upstream callback said something
   * changed). False when the task is not parked, or already due: nothing to wake.
   */
  boolean wakeParked(String taskId, Instant now);

  /** The task whose upstream job on {@code channel} is {@code upstreamId}, if any. */
  Optional<Task> findByUpstream(String channel, String upstreamId);

  /**
   * Per channel, the unfinished tasks whose submit reached (or may have reached) its upstream:
   * what the upstream is working on for us (health, concurrency limits). Channels with none are absent.
   */
  Map<String, Long> upstreamLoadByChannel();

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
