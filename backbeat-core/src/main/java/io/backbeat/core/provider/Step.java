package io.backbeat.core.provider;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.billing.Settlement;
import io.backbeat.core.task.FailureCode;
import java.time.Instant;

/**
 * How one step of a provider's run ended. A run is a sequence of steps: a local render is one
 * step; a relay submits in one step and polls in later ones, each started when the previous one
 * asked for it ({@link Again}), so a task waiting on an upstream holds no thread and no worker slot.
 */
public sealed interface Step {

  /** The task is done; {@code result} is its canonical output. */
  record Succeed(ObjectNode result) implements Step {
    public Succeed {
      requireNonNull(result, "result is null");
    }
  }

  /**
   * The task can never succeed. {@code settlement} says what becomes of its credit hold: refunded,
   * unless the upstream charged (or may have) for the failed work.
   */
  record Fail(FailureCode code, String message, Settlement settlement) implements Step {
    public Fail {
      requireNonNull(code, "code is null");
      requireNonNull(message, "message is null");
      requireNonNull(settlement, "settlement is null");
    }

    public Fail(FailureCode code, String message) {
      this(code, message, Settlement.REFUND);
    }
  }

  /**
   * Run the next step at {@code at} (the next upstream poll, say). The task stays RUNNING, releases
   * its lease and worker slot, and this does not count as an attempt.
   */
  record Again(Instant at, String why) implements Step {
    public Again {
      requireNonNull(at, "at is null");
      requireNonNull(why, "why is null");
    }
  }

  /** The run noticed the task is no longer its own ({@link TaskContext#isAbandoned()}): nothing more to do. */
  record Abandoned() implements Step {}

  static Step succeed(ObjectNode result) {
    return new Succeed(result);
  }

  static Step fail(FailureCode code, String message) {
    return new Fail(code, message);
  }

  /** Fails the task keeping its hold: the upstream charged, or may have, for the failed work. */
  static Step failCharged(FailureCode code, String message) {
    return new Fail(code, message, Settlement.CHARGE);
  }

  static Step again(Instant at, String why) {
    return new Again(at, why);
  }

  static Step abandoned() {
    return new Abandoned();
  }
}
