package io.backbeat.server.dialect.kling;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.AccessKey;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.providers.kling.KlingJwt;
import io.backbeat.server.http.Auth;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Kling's two ways in: the Backbeat API key as a Bearer token, or Kling's own scheme — an HS256 JWT
 * whose {@code iss} is an access key from {@code keys create --kling}, signed with its secret — so
 * clients built for Kling's API work unchanged. A refused token gets Kling's own code (§5.4): 1001
 * no Authorization, 1002 invalid (bad signature, unknown access key, not a token), 1003 not yet
 * valid, 1004 expired; a bad API key gets 1000.
 */
final class KlingAuth implements Handler {
  /** Clocks drift: a token is accepted this much before its nbf and after its exp. */
  static final Duration LEEWAY = Duration.ofSeconds(5);
  /** The request attribute that tells {@link KlingDialect#renderError} which 10xx code an auth failure is. */
  static final String CODE = "kling.auth-code";

  private final Auth apiKeys;
  private final AccountService accounts;
  private final InstantSource clock;

  KlingAuth(Auth apiKeys, AccountService accounts, InstantSource clock) {
    this.apiKeys = requireNonNull(apiKeys, "apiKeys is null");
    this.accounts = requireNonNull(accounts, "accounts is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw refused(ctx, 1001, "Authorization is empty; send 'Authorization: Bearer <API key or JWT>'");
    }
    String[] parts = header.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      throw refused(ctx, 1002, "Authorization is invalid: it must be 'Bearer <API key or JWT>'");
    }
    String token = parts[1].strip();
    if (!looksLikeJwt(token)) {
      apiKeys.require(ctx); // 1000 on failure, from the error table
      return;
    }
    KlingJwt.Claims claims;
    try {
      claims = KlingJwt.parse(token);
    } catch (IllegalArgumentException e) {
      throw refused(ctx, 1002, "Authorization is invalid: " + e.getMessage());
    }
    Optional<AccessKey> key = accounts.accessKey(claims.issuer());
    // an unknown issuer and a wrong signature look alike from outside: neither tells which access keys exist
    if (key.isEmpty() || !claims.signedWith(key.get().secret())) {
      throw refused(ctx, 1002, "Authorization is invalid: the token's signature does not match its access key (iss)");
    }
    Instant now = clock.instant();
    if (claims.notBefore() != null && now.plus(LEEWAY).isBefore(claims.notBefore())) {
      throw refused(ctx, 1003, "Authorization is not yet valid: its nbf is " + claims.notBefore());
    }
    if (claims.expiresAt() == null) {
      throw refused(ctx, 1002, "Authorization is invalid: the token has no exp");
    }
    if (!now.minus(LEEWAY).isBefore(claims.expiresAt())) {
      throw refused(ctx, 1004, "Authorization has expired: its exp was " + claims.expiresAt());
    }
    Auth.authenticateAs(ctx, key.get().principal());
  }

  /** Three base64url parts; API keys ({@code bb_live_…}) never contain a dot. */
  private static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  private static BackbeatException refused(Context ctx, int code, String message) {
    ctx.attribute(CODE, code);
    return new BackbeatException(BackbeatError.UNAUTHORIZED, message);
  }
}
