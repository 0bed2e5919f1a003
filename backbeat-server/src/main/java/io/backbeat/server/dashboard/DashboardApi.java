package io.backbeat.server.dashboard;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.account.Principal;
import io.backbeat.core.billing.CreditService;
import io.backbeat.core.billing.LedgerEntry;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.service.TaskQueries;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Read endpoints the dashboard needs that the native API did not have. They live under {@code /v1}
 * and so are authenticated, scoped to the caller's account and answer errors like the native API.
 * No answer contains a key, a key hash or a secret.
 */
final class DashboardApi {
  private final BackbeatConfig config;
  private final AccountService accounts;
  private final TaskQueries queries;
  private final CreditService credits;
  private final EndUserErrors endUserErrors;

  DashboardApi(BackbeatConfig config, AccountService accounts, TaskQueries queries, CreditService credits, EndUserErrors endUserErrors) {
    this.config = requireNonNull(config, "config is null");
    this.accounts = requireNonNull(accounts, "accounts is null");
    this.queries = requireNonNull(queries, "queries is null");
    this.credits = requireNonNull(credits, "credits is null");
    this.endUserErrors = requireNonNull(endUserErrors, "endUserErrors is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/v1/account/keys", this::keys);
    routes.get("/v1/tasks/{id}/credits", this::taskCredits);
    routes.get("/v1/events/cursor", this::eventCursor);
    routes.get("/v1/deployment", this::deployment);
    routes.get("/v1/launch-checks/end-user-errors", this::endUserErrors);
  }

  /** The account's live keys: name, non-secret prefix, creation time, and which one is asking. */
  private void keys(Context ctx) {
    Principal principal = Auth.principal(ctx);
    List<ApiKey> keys = accounts.liveKeys(principal.accountId());
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    for (ApiKey key : keys) {
      ObjectNode view = data.addObject();
      view.put("id", key.id());
      view.put("name", key.name());
      view.put("prefix", key.prefix());
      time(view, "createdAt", key.createdAt());
      view.put("current", key.id().equals(principal.apiKeyId()));
    }
    json(ctx, body);
  }

  /** What the task held, settled and refunded (all zero for an unmetered account). */
  private void taskCredits(Context ctx) {
    String accountId = Auth.principal(ctx).accountId();
    Task task = queries.task(accountId, ctx.pathParam("id"));
    List<LedgerEntry> entries = credits.entriesOfTask(accountId, task.id());
    OptionalLong balance = credits.balance(accountId);
    ObjectNode body = Json.object();
    body.put("taskId", task.id());
    body.put("metered", balance.isPresent());
    long held = 0;
    long settled = 0;
    long refunded = 0;
    ArrayNode data = body.putArray("entries");
    for (LedgerEntry entry : entries) {
      switch (entry.kind()) {
        case HOLD -> held += entry.amount();
        case SETTLE -> settled += entry.amount();
        case REFUND -> refunded += entry.amount();
        case TOPUP -> {}
      }
      ObjectNode view = data.addObject();
      view.put("kind", entry.kind().dbValue());
      view.put("amount", entry.amount());
      view.put("balanceAfter", entry.balanceAfter());
      time(view, "createdAt", entry.createdAt());
    }
    body.put("held", held);
    body.put("settled", settled);
    body.put("refunded", refunded);
    json(ctx, body);
  }

  /** {@code {"after":N}}: {@code GET /v1/events?after=N} then streams only what happens from now on. */
  private void eventCursor(Context ctx) {
    json(ctx, Json.object().put("after", queries.latestEventSeq(Auth.principal(ctx).accountId())));
  }

  /** What the launch checks need to know about this deployment; nothing secret (no terms, no paths). */
  private void deployment(Context ctx) {
    ObjectNode body = Json.object();
    String publicUrl = config.server().publicUrl();
    body.put("publicUrl", publicUrl);
    body.put("publicUrlConfigured", publicUrl != null);
    ObjectNode assets = body.putObject("assets");
    assets.put("store", "filesystem");
    assets.put("servedFrom", "/assets/{taskId}/{file}");
    assets.put("retentionDays", config.retention().assets().toDays());
    ObjectNode policy = body.putObject("contentPolicy");
    policy.put("blockedTerms", config.policy().blockedTerms().size());
    ObjectNode prices = body.putObject("prices");
    config.policy().prices().prices().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> prices.put(e.getKey(), e.getValue()));
    ObjectNode webhooks = body.putObject("webhooks");
    ArrayNode schedule = webhooks.putArray("retryDelaysSeconds");
    config.webhooks().retrySchedule().delays().forEach(d -> schedule.add(seconds(d)));
    webhooks.put("timeoutSeconds", seconds(config.webhooks().timeout()));
    body.putObject("egress").put("allowPrivate", config.egress().allowPrivate());
    json(ctx, body);
  }

  private void endUserErrors(Context ctx) {
    String accountId = Auth.principal(ctx).accountId();
    json(ctx, endUserErrors.examples(ctx, credits.balance(accountId)));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static void time(ObjectNode view, String field, Instant at) {
    if (at == null) {
      view.putNull(field);
    } else {
      view.put(field, at.toString());
    }
  }

  private static void json(Context ctx, ObjectNode body) {
    ctx.status(200).contentType("application/json").result(Json.write(body));
  }
}
