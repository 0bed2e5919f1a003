package io.backbeat.core.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An API key as stored: only its SHA-256 hash and a short non-secret prefix (to recognise it in
 * listings). The plaintext exists once, when it is created.
 */
public record ApiKey(String id, String accountId, String name, String prefix, String keyHash, Instant createdAt) {
  public ApiKey {
    requireNonNull(id, "id is null");
    requireNonNull(accountId, "accountId is null");
    requireNonNull(name, "name is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(keyHash, "keyHash is null");
    requireNonNull(createdAt, "createdAt is null");
  }

  @Override
  public String toString() {
    return "ApiKey[id=" + id + ", accountId=" + accountId + ", prefix=" + prefix + "]";
  }
}
