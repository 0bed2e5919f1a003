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

  public TaskCreation(
      TaskService tasks, Transactor transactor, RateLimiter limiter, RateLimits limits, InstantSource clock, Duration keyTtl) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.limiter = requireNonNull(limiter, "limiter is null");
    this.limits = requireNonNull(limits, "limits is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.keyTtl = requireNonNull(keyTtl, "keyTtl is null");
  }

  /**
   * Creates the task (or replays the original answer) and writes the response.
   *
   * @param route the idempotency scope, e.g. {@code POST /suno/generate}
   * @param responseBody renders the dialect's success body for the new task
   */
  public void create(Context ctx, String route, NewTask requested, Function<Task, String> responseBody) {
    // nothing credential-like is ever stored, even if a client pastes a key into a prompt
    NewTask spec =
        new NewTask(
            requested.principal(), requested.kind(), requested.dialect(), requested.route(),
            PayloadScrubber.scrub(requested.request()), PayloadScrubber.scrub(requested.originalPayload()), requested.callbackUrl());
    Principal principal = spec.principal();
    limiter
        .tryAcquire("create:" + principal.apiKeyId(), limits.createFor(principal.apiKeyId()))
        .ifPresent(wait -> {
          throw new BackbeatException(BackbeatError.RATE_LIMITED, "request rate too high; retry after " + seconds(wait) + " s", wait);
        });

    String key = ctx.header(HEADER);
    if (key == null) {
      Task task = tasks.create(spec);
      write(ctx, 200, responseBody.apply(task));
      return;
    }
    key = key.strip();
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw BackbeatException.invalid(HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    String hash = RequestHash.of(spec.originalPayload());
    Optional<IdempotencyRecord> existing = find(principal, route, key);
    if (existing.isPresent()) {
      replay(ctx, existing.get(), hash);
      return;
    }
    String idempotencyKey = key;
    try {
      tasks.create(
          spec,
          created -> {
            Instant now = clock.instant();
            created.tx().idempotency().insert(
                new IdempotencyRecord(
                    principal.accountId(), route, idempotencyKey, hash, created.task().id(), 200,
                    responseBody.apply(created.task()), now, now.plus(keyTtl)));
          });
    } catch (DuplicateKeyException raced) {
      // a concurrent request with this key committed first: its answer is the answer
      Optional<IdempotencyRecord> winner = find(principal, route, key);
      if (winner.isEmpty()) {
        throw new BackbeatException(BackbeatError.IDEMPOTENCY_CONFLICT, "a request with this " + HEADER + " is in progress; retry shortly");
      }
      replay(ctx, winner.get(), hash);
      return;
    }
    IdempotencyRecord stored = find(principal, route, key).orElseThrow();
    write(ctx, stored.responseStatus(), stored.responseBody());
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
    return transactor.inTransaction(tx -> tx.idempotency().find(principal.accountId(), route, key, now));
  }

  private static void replay(Context ctx, IdempotencyRecord record, String hash) {
    if (!record.requestHash().equals(hash)) {
      throw new BackbeatException(
          BackbeatError.IDEMPOTENCY_MISMATCH,
          "this " + HEADER + " was already used with a different request body; use a new key for a new request");
    }
    ctx.header("Idempotent-Replayed", "true");
    write(ctx, record.responseStatus(), record.responseBody());
  }

  private static void write(Context ctx, int status, String body) {
    ctx.status(status).contentType("application/json").result(body);
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
