package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a reconcile may use besides the upstream itself.
 *
 * @param callbackUpstreamIds upstream ids named by authenticated callbacks for this task, oldest first
 * @param takenByAnotherTask whether an upstream id already belongs to another of our tasks
 * @param now the host clock's time
 * @param grace how long after the intent "not found" is still lag rather than proof
 */
public record Reconciling(
    List<String> callbackUpstreamIds, Predicate<String> takenByAnotherTask, Instant now, Duration grace) {
  public Reconciling {
    callbackUpstreamIds = List.copyOf(callbackUpstreamIds);
    requireNonNull(takenByAnotherTask, "takenByAnotherTask is null");
    requireNonNull(now, "now is null");
    requireNonNull(grace, "grace is null");
  }

  /** Whether the grace period after {@code intentAt} is over, so an absence is proof. */
  public boolean graceOver(Instant intentAt) {
    return !now.isBefore(intentAt.plus(grace));
  }
}
