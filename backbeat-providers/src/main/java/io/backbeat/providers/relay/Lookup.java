package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

/** What reconciling a submit whose answer was lost found out. */
public sealed interface Lookup {

  /** The upstream has the job (found by our reference, a callback, or its task list). */
  record Found(String upstreamId) implements Lookup {
    public Found {
      requireNonNull(upstreamId, "upstreamId is null");
    }
  }

  /** Proven absent: the upstream's own records show no such job after the grace period. Safe to submit again. */
  record Absent(String reason) implements Lookup {
    public Absent {
      requireNonNull(reason, "reason is null");
    }
  }

  /** Not known yet (no callback yet, the lookup failed, several candidates): ask again later. */
  record Undecided(String reason) implements Lookup {
    public Undecided {
      requireNonNull(reason, "reason is null");
    }
  }

  /** This upstream offers no way to find the job (a synchronous call): nothing later can tell. */
  record Unresolvable(String reason) implements Lookup {
    public Unresolvable {
      requireNonNull(reason, "reason is null");
    }
  }
}
