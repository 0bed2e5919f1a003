package io.backbeat.core.provider;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a provider keeps in the task row between its steps. The core stores and returns it and
 * reads only {@code submitState} (an intent that lost its worker becomes {@link SubmitState#UNKNOWN});
 * {@code state} is the provider's own JSON (poll cursor, upstream status), opaque to everyone else.
 *
 * @param channel the upstream channel serving the task, or null (local work)
 * @param upstreamId the id the upstream gave the task, or null before it accepted it
 * @param state provider-private JSON, or null
 */
public record ProviderHandle(String channel, String upstreamId, SubmitState submitState, ObjectNode state) {
  public static final ProviderHandle NONE = new ProviderHandle(null, null, SubmitState.NONE, null);

  public ProviderHandle {
    requireNonNull(submitState, "submitState is null");
  }

  public ProviderHandle withIntent(String channel) {
    return new ProviderHandle(channel, upstreamId, SubmitState.INTENT, state);
  }

  /** The handle after a submit's outcome: accepted keeps the upstream id, the others only the state. */
  public ProviderHandle withOutcome(SubmitOutcome outcome) {
    return switch (outcome) {
      case SubmitOutcome.Accepted accepted -> new ProviderHandle(channel, accepted.upstreamId(), SubmitState.ACCEPTED, state);
      case SubmitOutcome.NotSent notSent -> new ProviderHandle(channel, null, SubmitState.NOT_SENT, state);
      case SubmitOutcome.Unknown unknown -> new ProviderHandle(channel, upstreamId, SubmitState.UNKNOWN, state);
    };
  }

  public ProviderHandle withState(ObjectNode state) {
    return new ProviderHandle(channel, upstreamId, submitState, state);
  }
}
