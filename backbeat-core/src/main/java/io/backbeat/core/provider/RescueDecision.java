package io.backbeat.core.provider;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.FailureCode;

/**
 * What becomes of a task whose worker stopped renewing its lease (the node died or hung). The
 * provider decides, because only it knows whether its work can be resumed: a deterministic local
 * render can run again; a relay must reconcile with its upstream instead of submitting twice.
 * Whatever it decides, an intent whose outcome was never recorded becomes {@link SubmitState#UNKNOWN}.
 */
public sealed interface RescueDecision {

  /** Run the next step at once, with the stage and handle the task had. */
  record Resume() implements RescueDecision {}

  /** Run the next step at once, treating any submit in flight as unknown: ask the upstream first. */
  record Reconcile() implements RescueDecision {}

  /** Give up on the task. */
  record Fail(FailureCode code, String message) implements RescueDecision {
    public Fail {
      requireNonNull(code, "code is null");
      requireNonNull(message, "message is null");
    }
  }

  static RescueDecision resume() {
    return new Resume();
  }

  static RescueDecision reconcile() {
    return new Reconcile();
  }

  static RescueDecision fail(FailureCode code, String message) {
    return new Fail(code, message);
  }
}
