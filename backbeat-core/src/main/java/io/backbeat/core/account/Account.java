package io.backbeat.core.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A tenant. {@code webhookSecret} ({@code whsec_…}) signs this account's callbacks; it is readable
 * by the account (it must verify signatures) and never logged.
 */
public record Account(String id, String name, String webhookSecret, Instant createdAt) {
  public Account {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    requireNonNull(webhookSecret, "webhookSecret is null");
    requireNonNull(createdAt, "createdAt is null");
  }

  @Override
  public String toString() {
    return "Account[id=" + id + ", name=" + name + "]";
  }
}
