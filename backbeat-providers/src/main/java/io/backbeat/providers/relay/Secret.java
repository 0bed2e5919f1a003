package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential read from the environment or a file. It prints as {@code [secret]} everywhere (logs,
 * exceptions, records' {@code toString}), so it cannot leak by accident; only {@link #reveal()} gives
 * the value, to the one place that sends it.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** A secret, or null for a missing or blank value (a missing credential is reported, never used empty). */
  public static Secret ofNullable(String value) {
    return value == null || value.isBlank() ? null : new Secret(value.strip());
  }

  public static Secret of(String value) {
    Secret secret = ofNullable(requireNonNull(value, "value is null"));
    if (secret == null) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return secret;
  }

  public String reveal() {
    return value;
  }

  /** Constant-time comparison of the values. */
  public boolean sameAs(Secret other) {
    return other != null
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "[secret]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && sameAs(other);
  }

  @Override
  public int hashCode() {
    return 0; // never a hash of the value: equal secrets are rare, leaking bits is worse
  }
}
