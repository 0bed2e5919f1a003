package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.billing.Settlement;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;
import java.time.Instant;

/** What one poll of an accepted upstream job found. */
public sealed interface Progress {

  /**
   * Still working. {@code stage} is how far it got ({@link Stage#TEXT}, {@link Stage#FIRST} for
   * music); {@code draft} the outputs so far, or null.
   */
  record Working(Stage stage, Draft draft) implements Progress {
    public Working {
      requireNonNull(stage, "stage is null");
    }
  }

  /** Finished: the draft's assets are re-hosted before the task succeeds. */
  record Done(Draft draft) implements Progress {
    public Done {
      requireNonNull(draft, "draft is null");
    }
  }

  /** The upstream's definitive verdict: failed. {@code settlement} says whether it charged for it. */
  record Failed(FailureCode code, String message, Settlement settlement) implements Progress {
    public Failed {
      requireNonNull(code, "code is null");
      requireNonNull(message, "message is null");
      requireNonNull(settlement, "settlement is null");
    }
  }

  /**
   * The upstream says it has no such job. Shortly after a submit that can be lag; if it lasts,
   * the task fails, settled by {@code settlementIfGivenUp} (could the upstream have billed it?).
   */
  record Missing(String reason, Settlement settlementIfGivenUp) implements Progress {
    public Missing {
      requireNonNull(reason, "reason is null");
      requireNonNull(settlementIfGivenUp, "settlementIfGivenUp is null");
    }
  }

  /** The poll itself failed (network, rate limit, 5xx): poll again, at {@code retryAt} if known. */
  record Unreachable(String reason, Instant retryAt) implements Progress {
    public Unreachable {
      requireNonNull(reason, "reason is null");
    }
  }
}
