package io.backbeat.server.http;

import io.backbeat.core.account.AccountService;
import io.backbeat.core.account.Principal;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.javalin.http.Context;

/** Bearer authentication for API routes; the principal is kept on the request. */
public final class Auth {
  private static final String ATTRIBUTE = "backbeat.principal";
  private final AccountService accounts;

  public Auth(AccountService accounts) {
    this.accounts = accounts;
  }

  /** A before-handler: authenticates or throws UNAUTHORIZED (rendered by the dialect). */
  public void require(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new BackbeatException(BackbeatError.UNAUTHORIZED, "missing Authorization header; send 'Authorization: Bearer <API key>'");
    }
    String token = bearerToken(header.strip());
    if (token == null) {
      throw new BackbeatException(BackbeatError.UNAUTHORIZED, "Authorization header must be 'Bearer <API key>'");
    }
    Principal principal =
        accounts.authenticate(token).orElseThrow(() -> new BackbeatException(BackbeatError.UNAUTHORIZED, "invalid API key"));
    ctx.attribute(ATTRIBUTE, principal);
  }

  /**
   * What follows {@code Bearer} and a run of whitespace in a stripped header, or null when the header
   * is not of that form. Every API request passes here, so it is a scan, not a regular expression.
   */
  static String bearerToken(String header) {
    int gap = 0;
    while (gap < header.length() && !isSpace(header.charAt(gap))) {
      gap++;
    }
    int token = gap;
    while (token < header.length() && isSpace(header.charAt(token))) {
      token++;
    }
    if (gap == header.length() || !header.regionMatches(true, 0, "Bearer", 0, gap) || gap != "Bearer".length()) {
      return null;
    }
    return header.substring(token);
  }

  /** The characters of the regular expression {@code \s}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** For a dialect's own scheme (Kling's signed tokens): the request acts as {@code principal}. */
  public static void authenticateAs(Context ctx, Principal principal) {
    ctx.attribute(ATTRIBUTE, java.util.Objects.requireNonNull(principal, "principal is null"));
  }

  public static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(ATTRIBUTE);
    if (principal == null) {
      throw new IllegalStateException("route is not behind Auth.require; this is a bug");
    }
    return principal;
  }
}
