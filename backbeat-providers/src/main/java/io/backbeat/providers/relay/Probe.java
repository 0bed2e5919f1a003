package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

/**
 * A check of a channel that creates no paid job: could we reach it, and did it take our credentials?
 *
 * @param credentialsAccepted true or false when the answer says so, null when it cannot be told
 * @param status the HTTP status of the check, or 0 when nothing answered
 * @param latencyMillis how long the check took
 */
public record Probe(boolean reachable, Boolean credentialsAccepted, int status, long latencyMillis, String detail) {
  public Probe {
    requireNonNull(detail, "detail is null");
  }

  public boolean ok() {
    return reachable && !Boolean.FALSE.equals(credentialsAccepted);
  }
}
