package io.backbeat.core.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's signing secrets. After a rotation the previous secret keeps signing (as a second
 * signature) until {@code previousValidUntil}, so receivers can switch without dropping callbacks.
 */
public record WebhookSecrets(String current, String previous, Instant previousValidUntil) {

  /** The secrets to sign with at {@code now}: current first. */
  public List<String> activeAt(Instant now) {
    List<String> secrets = new ArrayList<>();
    secrets.add(current);
    if (previous != null && previousValidUntil != null && now.isBefore(previousValidUntil)) {
      secrets.add(previous);
    }
    return secrets;
  }

  @Override
  public String toString() {
    return "WebhookSecrets[***]";
  }
}
