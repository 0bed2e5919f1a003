package io.backbeat.providers.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.task.spec.TaskSpec;
import java.util.Optional;

/**
 * One upstream API, spoken in its own words: turns specs into create calls, reads its job states
 * into canonical drafts, finds lost submits, and checks its credentials. Every method makes its own
 * upstream calls through the channel's egress client and never throws for what the upstream said or
 * for network failures: those are values ({@link Submission}, {@link Progress}, {@link Lookup}).
 * Implementations never render a dialect's JSON and never touch the task row.
 */
public interface UpstreamClient {

  /** Whether this upstream can run {@code spec} at all (its kind and, where it matters, its model). */
  boolean supports(TaskSpec spec);

  /** Sends the create call for the job, once. */
  Submission submit(RelayJob job);

  /** Reads the state of an accepted job. */
  Progress poll(RelayJob job, String upstreamId);

  /**
   * Interprets the answer of a synchronous call kept at submit ({@link Submission.Answered}).
   *
   * @throws UnsupportedOperationException if this upstream answers no call synchronously
   */
  default Progress interpret(RelayJob job, JsonNode answer) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no synchronous calls");
  }

  /** Looks for the job of a submit whose answer was lost. */
  Lookup reconcile(RelayJob job, Reconciling reconciling);

  /** The upstream job id a callback body names, if it names one. */
  default Optional<String> upstreamIdOf(JsonNode callbackBody) {
    return Optional.empty();
  }

  /** Checks reachability and credentials without creating a paid job. */
  Probe probe();
}
