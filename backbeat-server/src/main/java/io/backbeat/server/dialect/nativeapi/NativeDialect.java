package io.backbeat.server.dialect.nativeapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Account;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.account.Principal;
import io.backbeat.core.account.Secrets;
import io.backbeat.core.account.WebhookSecrets;
import io.backbeat.core.billing.CreditService;
import io.backbeat.core.billing.LedgerEntry;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.http.EgressDeniedException;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.TaskVersion;
import io.backbeat.core.task.service.TaskQueries;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.core.webhook.WebhookDelivery;
import io.backbeat.core.webhook.StandardWebhookHeaders;
import io.backbeat.server.http.AssetUrls;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.FinishedAnswers;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.live.LiveEvents;
import io.backbeat.server.http.Route;
import io.backbeat.server.http.RouteTable;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Backbeat's own API under {@code /v1} (dashboard, SDK): tasks with their timelines, outputs and
 * deliveries; cancel; live events; webhook deliveries and redelivery; the account, its credits and
 * its signing secret. Errors are {@code {"error":{"code","category","message"}}} with a matching HTTP
 * status. Every route is scoped to the caller's account: other ids are 404.
 */
public final class NativeDialect implements Dialect {
  public static final String NAME = "native";
  private static final Duration SSE_IDLE = Duration.ofSeconds(15);
  private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  private final AccountService accounts;
  private final TaskService tasks;
  private final TaskQueries queries;
  private final CreditService credits;
  private final EgressHttpClient egress;
  private final LiveEvents live;
  private final AssetUrls urls;
  private final InstantSource clock;
  private final java.util.function.Supplier<ObjectNode> channels;
  private final List<Route> routes;
  /** Of finished tasks, the detail view's bytes up to its deliveries, by version. */
  private final FinishedAnswers finished = new FinishedAnswers();

  public NativeDialect(
      AccountService accounts,
      TaskService tasks,
      TaskQueries queries,
      CreditService credits,
      EgressHttpClient egress,
      LiveEvents live,
      AssetUrls urls,
      InstantSource clock) {
    this(accounts, tasks, queries, credits, egress, live, urls, clock, () -> Json.object().put("configured", false));
  }

  /** @param channels the upstream channels and their health ({@code GET /v1/channels}) */
  public NativeDialect(
      AccountService accounts,
      TaskService tasks,
      TaskQueries queries,
      CreditService credits,
      EgressHttpClient egress,
      LiveEvents live,
      AssetUrls urls,
      InstantSource clock,
      java.util.function.Supplier<ObjectNode> channels) {
    this.channels = requireNonNull(channels, "channels is null");
    this.accounts = requireNonNull(accounts, "accounts is null");
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.queries = requireNonNull(queries, "queries is null");
    this.credits = requireNonNull(credits, "credits is null");
    this.egress = requireNonNull(egress, "egress is null");
    this.live = requireNonNull(live, "live is null");
    this.urls = requireNonNull(urls, "urls is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.routes = declareRoutes();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/v1/");
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  private List<Route> declareRoutes() {
    RouteTable table = new RouteTable(NAME, null);
    table.get("/v1/account").handles("the caller's account: signing secret, credits", this::account);
    table.post("/v1/account/webhook-secret/rotate").handles("a new signing secret; the old one keeps signing for a while", this::rotateSecret);
    table.get("/v1/account/ledger").handles("credit movements, newest first", this::ledger);
    table.get("/v1/tasks").handles("the account's tasks, newest first, cursor pagination", this::listTasks);
    table.get("/v1/tasks/{id}").handles("one task: spec, timeline, outputs, error, deliveries", this::task);
    table.post("/v1/tasks/{id}/cancel").handles("cancels queued or running work and refunds its hold", this::cancel);
    // SSE answers 200 as soon as it starts, so ownership is checked first (→ 404 in our shape)
    table.get("/v1/tasks/{id}/events").handles("live events of one task (SSE)", ctx -> {
      queries.task(principal(ctx).accountId(), ctx.pathParam("id"));
      new SseHandler(this::taskEvents).handle(ctx);
    });
    table.get("/v1/events").handles("live events of every task of the account (SSE)", new SseHandler(this::accountEvents));
    table.get("/v1/webhooks/deliveries").handles("callback deliveries, newest first", this::deliveries);
    table.get("/v1/webhooks/deliveries/{id}").handles("one delivery with every attempt", this::delivery);
    table.post("/v1/webhooks/deliveries/{id}/redeliver").handles("sends a delivery again, same webhook-id and body", this::redeliver);
    table.post("/v1/webhooks/test").handles("sends a signed test event and reports the receiver's answer", this::testWebhook);
    table.get("/v1/channels").handles("upstream channels: configuration and health (no credentials)", ctx -> {
      principal(ctx);
      ctx.contentType("application/json").result(Json.write(channels.get()));
    });
    return table.routes();
  }

  // ---- account ----

  /** The caller's account: its signing secret, and its credits when metered. */
  private void account(Context ctx) {
    Account account = accounts.account(principal(ctx).accountId()).orElseThrow(() -> BackbeatException.notFound("account not found"));
    ObjectNode body = Json.object();
    body.put("id", account.id());
    body.put("name", account.name());
    WebhookSecrets secrets = accounts.webhookSecrets(account.id()).orElseThrow();
    body.put("webhookSecret", secrets.current());
    Instant now = clock.instant();
    NativeViews.time(body, "previousSecretValidUntil",
        secrets.previous() != null && secrets.previousValidUntil() != null && now.isBefore(secrets.previousValidUntil())
            ? secrets.previousValidUntil() : null);
    OptionalLong balance = credits.balance(account.id());
    ObjectNode creditsView = body.putObject("credits");
    creditsView.put("metered", balance.isPresent());
    if (balance.isPresent()) {
      creditsView.put("balance", balance.getAsLong());
    } else {
      creditsView.putNull("balance");
    }
    NativeViews.time(body, "createdAt", account.createdAt());
    json(ctx, 200, body);
  }

  /** New signing secret; the old one keeps signing for {@code overlapSeconds} (default 24 h). */
  private void rotateSecret(Context ctx) {
    Duration overlap = DEFAULT_OVERLAP;
    if (!ctx.body().isBlank()) {
      Double seconds = Fields.optionalNumber(Json.parseObject(ctx.body()), "overlapSeconds", 0, 7 * 24 * 3600);
      if (seconds != null) {
        overlap = Duration.ofSeconds(seconds.longValue());
      }
    }
    String secret = accounts.rotateWebhookSecret(principal(ctx).accountId(), overlap);
    ObjectNode body = Json.object().put("webhookSecret", secret);
    NativeViews.time(body, "previousSecretValidUntil", clock.instant().plus(overlap));
    json(ctx, 200, body);
  }

  private void ledger(Context ctx) {
    String accountId = principal(ctx).accountId();
    int limit = limit(ctx);
    long before = ctx.queryParam("before") == null ? 0 : parseLong(ctx.queryParam("before"), "before");
    List<LedgerEntry> entries = credits.entries(accountId, before, limit);
    ObjectNode body = Json.object();
    OptionalLong balance = credits.balance(accountId);
    if (balance.isPresent()) {
      body.put("balance", balance.getAsLong());
    } else {
      body.putNull("balance");
    }
    ArrayNode data = body.putArray("data");
    entries.forEach(e -> data.add(NativeViews.ledger(e)));
    if (entries.size() == limit) {
      body.put("nextBefore", entries.get(entries.size() - 1).id());
    } else {
      body.putNull("nextBefore");
    }
    json(ctx, 200, body);
  }

  // ---- tasks ----

  /** {@code ?status=queued,running&kind=SONG&createdFrom=…&createdTo=…&limit=50&cursor=…}, newest first. */
  private void listTasks(Context ctx) {
    String accountId = principal(ctx).accountId();
    Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
    String status = ctx.queryParam("status");
    if (status != null && !status.isBlank()) {
      for (String s : status.split(",")) {
        try {
          statuses.add(TaskStatus.fromDb(s.strip()));
        } catch (IllegalArgumentException e) {
          throw BackbeatException.invalid("status must be among queued, running, succeeded, failed, canceled; not '" + s.strip() + "'");
        }
      }
    }
    TaskKind kind = null;
    String kindParam = ctx.queryParam("kind");
    if (kindParam != null && !kindParam.isBlank()) {
      try {
        kind = TaskKind.valueOf(kindParam.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw BackbeatException.invalid("kind '" + kindParam + "' is unknown");
      }
    }
    int limit = limit(ctx);
    TaskQuery query =
        new TaskQuery(accountId, statuses, kind, instant(ctx, "createdFrom"), instant(ctx, "createdTo"), cursor(ctx.queryParam("cursor")), limit);
    List<Task> page = queries.list(query);
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    page.forEach(t -> data.add(NativeViews.taskSummary(t, urls)));
    if (page.size() == limit) {
      Task last = page.get(page.size() - 1);
      body.put("nextCursor", encodeCursor(last));
    } else {
      body.putNull("nextCursor");
    }
    json(ctx, 200, body);
  }

  /**
   * The canonical view: request, timeline of transitions, outputs (with URLs), error, deliveries. Of
   * a finished task whose version has not moved, everything before {@code deliveries} is the bytes
   * rendered last time (its row and timeline are not read again); its deliveries go on changing
   * (attempts, redeliveries), so they are read and rendered on every request.
   */
  private void task(Context ctx) {
    String accountId = principal(ctx).accountId();
    String id = ctx.pathParam("id");
    // empty for other accounts' tasks and malformed ids: queries.task below answers their 404
    Optional<TaskVersion> version = tasks.findVersion(accountId, id);
    byte[] head = version.map(finished::find).orElse(null);
    String taskId;
    if (head == null) {
      // read after the version: the answer is never older than the version it is filed under
      Task task = queries.task(accountId, id);
      taskId = task.id();
      ObjectNode detail = NativeViews.taskDetail(task, queries.timeline(task.id()), List.of(), urls);
      head = NativeViews.detailHead(detail);
      if (head == null) { // not of the form detailHead cuts (never so today): render it whole
        detail.set("deliveries", NativeViews.deliveries(queries.deliveriesOfTask(task.id())));
        json(ctx, 200, detail);
        return;
      }
      if (version.isPresent()) {
        finished.remember(version.get(), head);
      }
    } else {
      taskId = version.get().id();
    }
    byte[] deliveries = Json.write(NativeViews.deliveries(queries.deliveriesOfTask(taskId))).getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + deliveries.length + 1];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(deliveries, 0, body, head.length, deliveries.length);
    body[body.length - 1] = '}';
    ctx.status(200).contentType("application/json").result(body);
  }

  /** Stops queued or running work; a metered account's hold is refunded in the same transaction. */
  private void cancel(Context ctx) {
    Task task = tasks.cancel(principal(ctx).accountId(), ctx.pathParam("id"));
    json(ctx, 200, NativeViews.taskSummary(task, urls));
  }

  // ---- live events (SSE) ----

  private void taskEvents(SseClient client) {
    Context ctx = client.ctx();
    Task task = queries.task(principal(ctx).accountId(), ctx.pathParam("id"));
    stream(client, principal(ctx).accountId(), task.id());
  }

  private void accountEvents(SseClient client) {
    stream(client, principal(client.ctx()).accountId(), null);
  }

  /**
   * Sends committed events after {@code Last-Event-ID} (or {@code ?after=}), then follows new ones.
   * The id of each event is its global sequence number, so a reconnect resumes exactly.
   */
  private void stream(SseClient client, String accountId, String taskId) {
    try {
      follow(client, accountId, taskId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      client.close();
    }
  }

  private void follow(SseClient client, String accountId, String taskId) throws InterruptedException {
    Context ctx = client.ctx();
    String lastId = ctx.header("Last-Event-ID") != null ? ctx.header("Last-Event-ID") : ctx.queryParam("after");
    long after = lastId == null || lastId.isBlank() ? 0 : parseLong(lastId.strip(), "Last-Event-ID");
    client.sendComment("connected");
    while (!client.terminated()) {
      long version = live.version();
      List<TaskEvent> events = queries.eventsAfter(accountId, after, 200);
      for (TaskEvent event : events) {
        after = event.seq();
        if (taskId == null || taskId.equals(event.taskId())) {
          client.sendEvent("task", Json.write(NativeViews.event(event)), Long.toString(event.seq()));
        }
      }
      if (events.size() < 200) {
        live.awaitChange(version, SSE_IDLE);
        if (live.version() == version && !client.terminated()) {
          client.sendComment("keep-alive");
        }
      }
    }
  }

  // ---- webhooks ----

  private void deliveries(Context ctx) {
    String accountId = principal(ctx).accountId();
    int limit = limit(ctx);
    TaskQuery.Cursor cursor = cursor(ctx.queryParam("cursor"));
    List<WebhookDelivery> page =
        queries.deliveries(accountId, ctx.queryParam("taskId"), cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id(), limit);
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    page.forEach(d -> data.add(NativeViews.delivery(d, null)));
    if (page.size() == limit) {
      WebhookDelivery last = page.get(page.size() - 1);
      body.put("nextCursor", encodeCursor(last.createdAt(), last.id()));
    } else {
      body.putNull("nextCursor");
    }
    json(ctx, 200, body);
  }

  private void delivery(Context ctx) {
    WebhookDelivery delivery = queries.delivery(principal(ctx).accountId(), ctx.pathParam("id"));
    json(ctx, 200, NativeViews.delivery(delivery, queries.attempts(delivery.id())));
  }

  private void redeliver(Context ctx) {
    WebhookDelivery delivery = queries.redeliver(principal(ctx).accountId(), ctx.pathParam("id"));
    json(ctx, 202, NativeViews.delivery(delivery, null));
  }

  /**
   * The "callback reachability" check: sends a signed {@code webhook.test} event to {@code url}
   * through the egress guard and reports the receiver's answer and latency. Nothing is queued.
   */
  private void testWebhook(Context ctx) {
    ObjectNode request = Json.parseObject(ctx.body());
    String url = Fields.requiredString(request, "url").strip();
    String accountId = principal(ctx).accountId();
    WebhookSecrets secrets = accounts.webhookSecrets(accountId).orElseThrow();
    String id = Secrets.newId("msg_");
    Instant now = clock.instant();
    ObjectNode event = Json.object().put("type", "webhook.test").put("id", id).put("accountId", accountId);
    NativeViews.time(event, "createdAt", now);
    String payload = Json.write(event);
    Map<String, String> headers = StandardWebhookHeaders.signed(id, now, payload, secrets);
    ObjectNode body = Json.object();
    body.put("url", io.backbeat.core.http.Redaction.url(url));
    body.put("webhookId", id);
    long start = System.nanoTime();
    try {
      EgressHttpClient.Response response =
          egress.post("url", url, headers, payload.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(15));
      body.put("delivered", response.status() >= 200 && response.status() < 300);
      body.put("status", response.status());
      body.put("responseExcerpt", response.excerpt());
      body.putNull("error");
    } catch (EgressDeniedException e) {
      throw BackbeatException.invalid(e.getMessage());
    } catch (Exception e) {
      body.put("delivered", false);
      body.putNull("status");
      body.putNull("responseExcerpt");
      body.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    body.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
    json(ctx, 200, body);
  }

  // ---- errors and helpers ----

  @Override
  public void renderError(Context ctx, BackbeatException error) {
    int status =
        switch (error.error().category()) {
          case USER, POLICY ->
              switch (error.error()) {
                case TOO_LONG -> 413;
                case IDEMPOTENCY_MISMATCH -> 422;
                default -> 400;
              };
          case AUTH -> 401;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case QUOTA -> 402;
          case RATE_LIMIT -> 429;
          case EXTERNAL -> 502;
          case UNAVAILABLE -> error.error() == BackbeatError.TIMEOUT ? 504 : 503;
          case INTERNAL -> 500;
        };
    ObjectNode body = Json.object();
    body.putObject("error")
        .put("code", error.error().name())
        .put("category", error.error().category().name().toLowerCase(Locale.ROOT))
        .put("message", error.getMessage());
    json(ctx, status, body);
  }

  /** The native API creates no tasks, so it renders no callbacks. */
  @Override
  public Optional<CallbackRenderer> callbackRenderer() {
    return Optional.empty();
  }

  private static Principal principal(Context ctx) {
    return Auth.principal(ctx);
  }

  private static void json(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  private static int limit(Context ctx) {
    String value = ctx.queryParam("limit");
    if (value == null) {
      return 50;
    }
    long limit = parseLong(value, "limit");
    if (limit < 1 || limit > 500) {
      throw BackbeatException.invalid("limit must be between 1 and 500");
    }
    return (int) limit;
  }

  private static long parseLong(String value, String name) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw BackbeatException.invalid(name + " must be a whole number");
    }
  }

  private static Instant instant(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw BackbeatException.invalid(name + " must be an ISO-8601 instant like 2026-01-31T12:00:00Z");
    }
  }

  private static String encodeCursor(Task task) {
    return encodeCursor(task.createdAt(), task.id());
  }

  private static String encodeCursor(Instant createdAt, String id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static TaskQuery.Cursor cursor(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return new TaskQuery.Cursor(Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, colon))), decoded.substring(colon + 1));
    } catch (RuntimeException e) {
      throw BackbeatException.invalid("cursor is not one this API returned");
    }
  }

}
