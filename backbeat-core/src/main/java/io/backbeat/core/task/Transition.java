package io.backbeat.core.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.billing.Settlement;
import java.time.Instant;

/**
 * A state change, applied by {@code TaskStore.apply} as one compare-and-set statement. The guard is
 * part of the value: a transition that no longer matches the row (another worker, a cancel, a
 * reaper got there first) changes nothing. Build them with the static constructors.
 */
public sealed interface Transition {

  String taskId();

  /** Why, in a few words; recorded in the task's timeline. */
  String reason();

  /**
   * Whether clients see this change: a timeline event, live events and callbacks. Parking between
   * a relay's polls changes nothing a client can observe, and would flood the timeline.
   */
  default boolean visible() {
    return true;
  }

  /** RUNNING at stage {@code from}, leased by {@code leaseOwner} → RUNNING at stage {@code to}. */
  record StageReached(String taskId, String leaseOwner, Stage from, Stage to, ObjectNode result, String reason)
      implements Transition {
    public StageReached {
      requireNonNull(taskId, "taskId is null");
      requireNonNull(leaseOwner, "leaseOwner is null");
      requireNonNull(from, "from is null");
      requireNonNull(to, "to is null");
      requireNonNull(result, "result is null");
    }
  }

  /** RUNNING, leased by {@code leaseOwner} → SUCCEEDED with the final result. */
  record Succeeded(String taskId, String leaseOwner, ObjectNode result, String reason) implements Transition {
    public Succeeded {
      requireNonNull(taskId, "taskId is null");
      requireNonNull(leaseOwner, "leaseOwner is null");
      requireNonNull(result, "result is null");
    }
  }

  /**
   * QUEUED or RUNNING → FAILED. With a {@code leaseOwner} only that worker's run may fail it; with
   * none (lease reaper, dispatcher giving up) any non-terminal task is failed. {@code settlement}
   * decides the credit hold: refunded, or kept when the upstream charged (or may have).
   */
  record Failed(String taskId, String leaseOwner, FailureCode code, String message, String reason, Settlement settlement)
      implements Transition {
    public Failed {
      requireNonNull(taskId, "taskId is null");
      requireNonNull(code, "code is null");
      requireNonNull(message, "message is null");
      requireNonNull(settlement, "settlement is null");
    }

    /** A refunded failure. */
    public Failed(String taskId, String leaseOwner, FailureCode code, String message, String reason) {
      this(taskId, leaseOwner, code, message, reason, Settlement.REFUND);
    }
  }

  /** QUEUED or RUNNING → CANCELED (by the owner of the task). */
  record Canceled(String taskId, String reason) implements Transition {
    public Canceled {
      requireNonNull(taskId, "taskId is null");
    }
  }

  /** RUNNING, leased by {@code leaseOwner} → QUEUED again at {@code nextRunAt}, lease released. */
  record RetryLater(String taskId, String leaseOwner, Instant nextRunAt, String error, String reason)
      implements Transition {
    public RetryLater {
      requireNonNull(taskId, "taskId is null");
      requireNonNull(leaseOwner, "leaseOwner is null");
      requireNonNull(nextRunAt, "nextRunAt is null");
    }
  }

  /**
   * RUNNING, leased by {@code leaseOwner} → RUNNING parked (no lease) until {@code nextRunAt}, when
   * its provider runs the next step. Not an attempt, not visible.
   */
  record Parked(String taskId, String leaseOwner, Instant nextRunAt, String reason) implements Transition {
    public Parked {
      requireNonNull(taskId, "taskId is null");
      requireNonNull(leaseOwner, "leaseOwner is null");
      requireNonNull(nextRunAt, "nextRunAt is null");
    }

    @Override
    public boolean visible() {
      return false;
    }
  }

  /**
   * RUNNING whose lease, held by {@code expiredOwner}, expired before {@code now} → parked, due at
   * once, with one more attempt counted. With {@code reconcile}, and always for an intent whose
   * outcome was never recorded, the submit state becomes {@code unknown}.
   */
  record Rescued(String taskId, String expiredOwner, boolean reconcile, String reason) implements Transition {
    public Rescued {
      requireNonNull(taskId, "taskId is null");
      requireNonNull(expiredOwner, "expiredOwner is null");
    }
  }

  static StageReached stageReached(String taskId, String leaseOwner, Stage from, Stage to, ObjectNode result) {
    return new StageReached(taskId, leaseOwner, from, to, result, "stage " + to.dbValue());
  }

  static Succeeded succeeded(String taskId, String leaseOwner, ObjectNode result) {
    return new Succeeded(taskId, leaseOwner, result, "succeeded");
  }

  static Failed failedByWorker(String taskId, String leaseOwner, FailureCode code, String message) {
    return new Failed(taskId, leaseOwner, code, message, "failed: " + code.name().toLowerCase());
  }

  static Failed failedByWorker(String taskId, String leaseOwner, FailureCode code, String message, Settlement settlement) {
    String reason = "failed: " + code.name().toLowerCase() + (settlement == Settlement.CHARGE ? " (charged: the upstream may have billed it)" : "");
    return new Failed(taskId, leaseOwner, code, message, reason, settlement);
  }

  static Failed failed(String taskId, FailureCode code, String message, String reason) {
    return new Failed(taskId, null, code, message, reason);
  }

  static Canceled canceled(String taskId) {
    return new Canceled(taskId, "canceled by owner");
  }

  static Parked parked(String taskId, String leaseOwner, Instant nextRunAt, String why) {
    return new Parked(taskId, leaseOwner, nextRunAt, "parked: " + why);
  }

  static Rescued rescued(String taskId, String expiredOwner, boolean reconcile) {
    return new Rescued(
        taskId, expiredOwner, reconcile, "rescued: the worker's lease expired; " + (reconcile ? "reconciling" : "resuming"));
  }

  static RetryLater retryLater(String taskId, String leaseOwner, Instant nextRunAt, String error) {
    return new RetryLater(taskId, leaseOwner, nextRunAt, error, "retry scheduled");
  }
}
