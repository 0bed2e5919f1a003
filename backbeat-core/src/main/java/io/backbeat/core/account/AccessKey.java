package io.backbeat.core.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A pair for clients that sign their own short-lived tokens (Kling's HS256 JWT, {@code iss} = access
 * key). The access key names it and is not secret; {@code secret} verifies the signatures, so it is
 * kept as issued (a hash could not verify an HMAC) and, like the webhook secret, never logged.
 * It acts as the API key {@code apiKeyId}: revoking that key revokes this one too.
 */
public record AccessKey(String accessKey, String secret, String accountId, String apiKeyId, Instant createdAt) {
  public AccessKey {
    requireNonNull(accessKey, "accessKey is null");
    requireNonNull(secret, "secret is null");
    requireNonNull(accountId, "accountId is null");
    requireNonNull(apiKeyId, "apiKeyId is null");
    requireNonNull(createdAt, "createdAt is null");
  }

  public Principal principal() {
    return new Principal(accountId, apiKeyId);
  }

  @Override
  public String toString() {
    return "AccessKey[accessKey=" + accessKey + ", apiKeyId=" + apiKeyId + ", secret=***]";
  }
}
