package io.backbeat.server.dialect.nativeapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Account;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * Backbeat's own API under {@code /v1} (dashboard, SDK). Errors are
 * {@code {"error":{"code":"NOT_FOUND","category":"not_found","message":"…"}}} with a matching HTTP status.
 */
public final class NativeDialect implements Dialect {
  public static final String NAME = "native";
  private final AccountService accounts;

  public NativeDialect(AccountService accounts) {
    this.accounts = requireNonNull(accounts, "accounts is null");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String pathPrefix() {
    return "/v1/";
  }

  @Override
  public void registerRoutes(RoutesConfig routes) {
    routes.get("/v1/account", this::account);
  }

  /** The caller's account, including the secret its callbacks are signed with. */
  private void account(Context ctx) {
    Account account =
        accounts.account(Auth.principal(ctx).accountId()).orElseThrow(() -> BackbeatException.notFound("account not found"));
    ObjectNode body = Json.object();
    body.put("id", account.id());
    body.put("name", account.name());
    body.put("webhookSecret", account.webhookSecret());
    body.put("createdAt", account.createdAt().toString());
    ctx.contentType("application/json").result(Json.write(body));
  }

  @Override
  public void renderError(Context ctx, BackbeatException error) {
    int status =
        switch (error.error().category()) {
          case USER, POLICY -> error.error() == io.backbeat.core.error.BackbeatError.TOO_LONG ? 413 : 400;
          case AUTH -> 401;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case QUOTA -> 402;
          case RATE_LIMIT -> 429;
          case EXTERNAL -> 502;
          case UNAVAILABLE -> 503;
          case INTERNAL -> 500;
        };
    ObjectNode body = Json.object();
    body.putObject("error")
        .put("code", error.error().name())
        .put("category", error.error().category().name().toLowerCase(Locale.ROOT))
        .put("message", error.getMessage());
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  @Override
  public CallbackRenderer callbackRenderer() {
    return (task, transition) -> List.of();
  }
}
