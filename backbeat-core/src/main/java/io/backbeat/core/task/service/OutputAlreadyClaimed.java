package io.backbeat.core.task.service;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.spec.OutputClaim;

/**
 * A create refused because another task of the account holds its one-per-source output (see
 * {@link OutputClaim}). Nothing was written and nothing charged. Each dialect answers it in its own
 * documented way (a 409, or the holder's task id), so it carries the holder rather than a message.
 */
public final class OutputAlreadyClaimed extends RuntimeException {
  private final OutputClaim claim;
  private final String holderTaskId;

  public OutputAlreadyClaimed(OutputClaim claim, String holderTaskId) {
    super(claim.kind() + " of " + claim.sourceTaskId() + (claim.clipId() == null ? "" : "/" + claim.clipId()) + " is held by task " + holderTaskId,
        null, false, false);
    this.claim = requireNonNull(claim, "claim is null");
    this.holderTaskId = requireNonNull(holderTaskId, "holderTaskId is null");
  }

  public OutputClaim claim() {
    return claim;
  }

  public String holderTaskId() {
    return holderTaskId;
  }
}
