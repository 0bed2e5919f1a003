package io.backbeat.server.http;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.Principal;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.idempotency.IdempotencyRecord;
import io.backbeat.core.ratelimit.RateLimiter;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.service.NewTask;
import io.backbeat.core.task.service.TaskWaiter;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.TaskSpecJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.service.TaskService;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way every dialect creates a task: per-key rate limit, then {@code Idempotency-Key} with
 * Stripe semantics (scope account + route; the same key and body replay the first response; the same
 * key with another body is an error; a concurrent duplicate creates nothing), then the insert, whose
 * transaction also stores the idempotency record and holds the credits.
 */
public final class TaskCreation {
  public static final String HEADER = "Idempotency-Key";
  static final int MAX_KEY_LENGTH = 255;

  private final TaskService tasks;
  private final Transactor transactor;
  private final RateLimiter limiter;
  private final RateLimits limits;
  private final InstantSource clock;
  private final Duration keyTtl;
  private final TaskWaiter waiter;

  public TaskCreation(
      TaskService tasks,
      Transactor transactor,
      RateLimiter limiter,
      RateLimits limits,
      InstantSource clock,
      Duration keyTtl,
      TaskWaiter waiter) {
    this.waiter = requireNonNull(waiter, "waiter is null");
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.limiter = requireNonNull(limiter, "limiter is null");
    this.limits = requireNonNull(limits, "limits is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.keyTtl = requireNonNull(keyTtl, "keyTtl is null");
  }

  /** An answer to write: status and JSON body. */
  public record Response(int status, String body) {}

  /**
   * Creates the task (or replays the original answer) and writes the response at once.
   *
   * @param scope the idempotency scope, e.g. {@code POST /suno/generate}
   * @param responseBody renders the dialect's success body for the new task
   */
  public void create(Context ctx, String scope, NewTask requested, Function<Task, String> responseBody) {
    Outcome outcome = createOrReplay(ctx, scope, requested, task -> new Response(200, responseBody.apply(task)));
    switch (outcome) {
      case Outcome.Answered answered -> write(ctx, answered.response());
      case Outcome.Created created -> write(ctx, new Response(200, responseBody.apply(created.task())));
    }
  }

  /**
   * For synchronous routes: creates the task like any other (listed, billed, idempotent), waits for
   * it to end and writes {@code finished(task)}. A replay of the same key waits for the same task.
   * After {@code wait} the answer is a timeout error; the task goes on and stays visible.
   */
  public void createAndWait(Context ctx, String scope, NewTask requested, Duration wait, RouteTable.Answer finished) {
    Outcome outcome = createOrReplay(ctx, scope, requested, null);
    String taskId =
        switch (outcome) {
          case Outcome.Answered answered -> {
            write(ctx, answered.response());
            yield null;
          }
          case Outcome.Created created -> created.task().id();
        };
    if (taskId == null) {
      return;
    }
    Task done;
    try {
      done = waiter.awaitTerminal(taskId, wait).orElse(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackbeatException(BackbeatError.UNAVAILABLE, "the server is shutting down; task " + taskId + " goes on");
    }
    if (done == null) {
      throw new BackbeatException(
          BackbeatError.TIMEOUT, "task " + taskId + " did not finish within " + wait.toSeconds() + " s; it goes on and stays listed");
    }
    write(ctx, finished.render(done));
  }

  /** What {@link #createOrReplay} did: wrote nothing yet and created a task, or found the answer to write. */
  private sealed interface Outcome {
    record Created(Task task) implements Outcome {}

    record Answered(Response response) implements Outcome {}
  }

  /**
   * @param stored renders the answer stored with the idempotency record, or null for synchronous
   *     routes (a replay waits for the same task instead)
   */
  private Outcome createOrReplay(Context ctx, String scope, NewTask requested, Function<Task, Response> stored) {
    // nothing credential-like is ever stored, even if a client pastes a key into a prompt
    NewTask newTask =
        new NewTask(
            requested.principal(), requested.dialect(), requested.route(), scrub(requested.spec()),
            PayloadScrubber.scrub(requested.originalPayload()), requested.clientReference());
    Principal principal = newTask.principal();
    limiter
        .tryAcquire("create:" + principal.apiKeyId(), limits.createFor(principal.apiKeyId()))
        .ifPresent(wait -> {
          throw new BackbeatException(BackbeatError.RATE_LIMITED, "request rate too high; retry after " + seconds(wait) + " s", wait);
        });

    String key = ctx.header(HEADER);
    if (key == null) {
      return new Outcome.Created(tasks.create(newTask));
    }
    key = key.strip();
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw BackbeatException.invalid(HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    String hash = RequestHash.of(newTask.originalPayload());
    Optional<IdempotencyRecord> existing = find(principal, scope, key);
    if (existing.isPresent()) {
      return replay(ctx, existing.get(), hash);
    }
    String idempotencyKey = key;
    Task created;
    try {
      created =
          tasks.create(
              newTask,
              inserting -> {
                Instant now = clock.instant();
                Response response = stored == null ? null : stored.apply(inserting.task());
                inserting.tx().idempotency().insert(
                    new IdempotencyRecord(
                        principal.accountId(), scope, idempotencyKey, hash, inserting.task().id(),
                        response == null ? null : response.status(), response == null ? null : response.body(),
                        now, now.plus(keyTtl)));
              });
    } catch (DuplicateKeyException raced) {
      // a concurrent request with this key committed first: its answer is the answer
      Optional<IdempotencyRecord> winner = find(principal, scope, key);
      if (winner.isEmpty()) {
        throw new BackbeatException(BackbeatError.IDEMPOTENCY_CONFLICT, "a request with this " + HEADER + " is in progress; retry shortly");
      }
      return replay(ctx, winner.get(), hash);
    }
    return new Outcome.Created(created);
  }

  /** Per-key, per-task limit on polling one task. */
  public void checkPoll(Principal principal, String taskId) {
    limiter
        .tryAcquire("poll:" + principal.apiKeyId() + ":" + taskId, limits.pollFor(principal.apiKeyId()))
        .ifPresent(wait -> {
          throw new BackbeatException(
              BackbeatError.POLL_RATE_LIMITED, "frequency limit exceeded for this task; retry after " + seconds(wait) + " s", wait);
        });
  }

  private Optional<IdempotencyRecord> find(Principal principal, String route, String key) {
    Instant now = clock.instant();
    return transactor.read(tx -> tx.idempotency().find(principal.accountId(), route, key, now));
  }

  private Outcome replay(Context ctx, IdempotencyRecord record, String hash) {
    if (!record.requestHash().equals(hash)) {
      throw new BackbeatException(
          BackbeatError.IDEMPOTENCY_MISMATCH,
          "this " + HEADER + " was already used with a different request body; use a new key for a new request");
    }
    ctx.header("Idempotent-Replayed", "true");
    if (record.rendersFromTask()) {
      Task task = transactor.read(tx -> tx.tasks().find(record.taskId())).orElseThrow();
      return new Outcome.Created(task); // the caller waits for it, as for the first request
    }
    return new Outcome.Answered(new Response(record.responseStatus(), record.responseBody()));
  }

  /** The spec with credential-looking text masked; the callback URL is kept exactly: it must still work. */
  private static TaskSpec scrub(TaskSpec spec) {
    ObjectNode json = TaskSpecJson.write(spec);
    JsonNode callbackUrl = json.remove("callbackUrl");
    ObjectNode scrubbed = PayloadScrubber.scrub(json);
    if (scrubbed.equals(json)) {
      return spec; // nothing looked like a credential
    }
    if (callbackUrl != null) {
      scrubbed.set("callbackUrl", callbackUrl);
    }
    return TaskSpecJson.read(scrubbed, spec.kind());
  }

  private static void write(Context ctx, Response response) {
    ctx.status(response.status()).contentType("application/json").result(response.body());
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
