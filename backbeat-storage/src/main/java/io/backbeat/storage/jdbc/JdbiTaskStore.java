package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.store.TaskStore;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.TaskVersion;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.spec.OutputClaim;
import io.backbeat.core.task.spec.TaskSpecJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code task} table through one open transaction. Every mutation is one statement whose guard
 * lives in its WHERE clause; the row count decides whether it happened.
 */
public final class JdbiTaskStore implements TaskStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbiTaskStore.class);
  private static final Comparator<Task> DUE_ORDER = Comparator.comparing(Task::nextRunAt).thenComparing(Task::id);

  private final Handle handle;
  private final SqlFiles sql;

  public JdbiTaskStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  /** @throws io.backbeat.core.store.DuplicateKeyException when a task with this id exists */
  @Override
  public void insert(Task task) {
    requireNonNull(task, "task is null");
    Update insert =
        handle
            .createUpdate(sql.get(JdbiTaskStore.class, "insert"))
            .bind("id", task.id())
            .bind("status", task.status().dbValue())
            .bind("stage", task.stage().dbValue())
            .bind("accountId", task.accountId())
            .bind("apiKeyId", task.apiKeyId())
            .bind("kind", task.kind().name())
            .bind("dialect", task.dialect())
            .bind("route", task.route())
            .bind("provider", task.provider())
            .bind("request", Json.write(TaskSpecJson.write(task.spec())))
            .bind("originalPayload", Json.write(task.originalPayload()))
            .bind("result", Json.write(task.result()))
            .bind("errorCode", task.errorCode())
            .bind("errorMessage", task.errorMessage())
            .bind("callbackUrl", task.callbackUrl())
            .bind("channel", task.handle().channel())
            .bind("upstreamId", task.handle().upstreamId())
            .bind("submitState", task.handle().submitState().dbValue())
            .bind("providerState", Json.write(task.handle().state()))
            .bind("leaseOwner", task.leaseOwner())
            .bind("leaseUntil", Rows.millis(task.leaseUntil()))
            .bind("attempts", task.attempts())
            .bind("nextRunAt", Rows.millis(task.nextRunAt()))
            .bind("createdAt", Rows.millis(task.createdAt()))
            .bind("updatedAt", Rows.millis(task.updatedAt()))
            .bind("finishedAt", Rows.millis(task.finishedAt()));
    Duplicates.translate("task " + task.id(), insert::execute);
  }

  @Override
  public Optional<Task> find(String id) {
    requireNonNull(id, "id is null");
    return handle.createQuery(sql.get(JdbiTaskStore.class, "find")).bind("id", id).map(Rows::task).findOne();
  }

  @Override
  public Optional<Task> findOwned(String accountId, String id) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(id, "id is null");
    return handle
        .createQuery(sql.get(JdbiTaskStore.class, "findOwned"))
        .bind("accountId", accountId)
        .bind("id", id)
        .map(Rows::task)
        .findOne();
  }

  @Override
  public Optional<TaskVersion> findOwnedVersion(String accountId, String id) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(id, "id is null");
    return handle
        .createQuery(sql.get(JdbiTaskStore.class, "findOwnedVersion"))
        .bind("accountId", accountId)
        .bind("id", id)
        .map(Rows::taskVersion)
        .findOne();
  }

  @Override
  public Optional<String> claimOutput(String accountId, OutputClaim claim, String taskId) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(claim, "claim is null");
    requireNonNull(taskId, "taskId is null");
    String clipId = claim.clipId() == null ? "" : claim.clipId();
    int rows =
        handle
            .createUpdate(sql.get(JdbiTaskStore.class, "claimOutput"))
            .bind("accountId", accountId)
            .bind("kind", claim.kind().name())
            .bind("sourceTaskId", claim.sourceTaskId())
            .bind("clipId", clipId)
            .bind("taskId", taskId)
            .execute();
    if (rows == 1) {
      return Optional.empty();
    }
    return Optional.of(
        handle
            .createQuery(sql.get(JdbiTaskStore.class, "outputClaimHolder"))
            .bind("accountId", accountId)
            .bind("kind", claim.kind().name())
            .bind("sourceTaskId", claim.sourceTaskId())
            .bind("clipId", clipId)
            .mapTo(String.class)
            .one());
  }

  @Override
  public List<Task> claimDue(String owner, String provider, Instant now, Instant leaseUntil, int limit) {
    return claim("claimDue", owner, provider, now, leaseUntil, limit);
  }

  @Override
  public List<Task> claimWakeUps(String owner, String provider, Instant now, Instant leaseUntil, int limit) {
    return claim("claimWakeUps", owner, provider, now, leaseUntil, limit);
  }

  private List<Task> claim(String statement, String owner, String provider, Instant now, Instant leaseUntil, int limit) {
    requireNonNull(owner, "owner is null");
    requireNonNull(provider, "provider is null");
    requireNonNull(now, "now is null");
    requireNonNull(leaseUntil, "leaseUntil is null");
    if (!leaseUntil.isAfter(now)) {
      throw new IllegalArgumentException("leaseUntil " + leaseUntil + " must be after now " + now);
    }
    if (limit <= 0) {
      return List.of();
    }
    List<Task> claimed =
        new ArrayList<>(
            handle
                .createQuery(sql.get(JdbiTaskStore.class, statement))
                .bind("owner", owner)
                .bind("provider", provider)
                .bind("now", Rows.millis(now))
                .bind("leaseUntil", Rows.millis(leaseUntil))
                .bind("max", limit)
                .map(Rows::task)
                .list());
    // RETURNING has no order on PostgreSQL; hand tasks out in the order they became due
    claimed.sort(DUE_ORDER);
    return claimed;
  }

  @Override
  public boolean renewLease(String owner, String taskId, Instant leaseUntil) {
    requireNonNull(owner, "owner is null");
    requireNonNull(taskId, "taskId is null");
    requireNonNull(leaseUntil, "leaseUntil is null");
    int rows =
        handle
            .createUpdate(sql.get(JdbiTaskStore.class, "renewLease"))
            .bind("id", taskId)
            .bind("owner", owner)
            .bind("leaseUntil", Rows.millis(leaseUntil))
            .execute();
    // a heartbeat that changes nothing is an expected race (canceled, or reclaimed after expiry)
    return decide(rows, "lease renewal", taskId);
  }

  @Override
  public boolean saveHandle(String owner, String taskId, ProviderHandle providerHandle, Instant now) {
    requireNonNull(owner, "owner is null");
    requireNonNull(taskId, "taskId is null");
    requireNonNull(providerHandle, "providerHandle is null");
    requireNonNull(now, "now is null");
    int rows =
        statement("saveHandle")
            .bind("id", taskId)
            .bind("owner", owner)
            .bind("channel", providerHandle.channel())
            .bind("upstreamId", providerHandle.upstreamId())
            .bind("submitState", providerHandle.submitState().dbValue())
            .bind("providerState", Json.write(providerHandle.state()))
            .bind("now", Rows.millis(now))
            .execute();
    return decide(rows, "handle save", taskId);
  }

  @Override
  public boolean apply(Transition transition, Instant now) {
    requireNonNull(transition, "transition is null");
    requireNonNull(now, "now is null");
    Update update =
        switch (transition) {
          case Transition.StageReached t ->
              statement("applyStageReached")
                  .bind("owner", t.leaseOwner())
                  .bind("from", t.from().dbValue())
                  .bind("to", t.to().dbValue())
                  .bind("result", Json.write(t.result()));
          case Transition.Succeeded t ->
              statement("applySucceeded").bind("owner", t.leaseOwner()).bind("result", Json.write(t.result()));
          case Transition.Failed t when t.leaseOwner() != null ->
              statement("applyFailedByWorker")
                  .bind("owner", t.leaseOwner())
                  .bind("errorCode", t.code().name())
                  .bind("errorMessage", t.message());
          case Transition.Failed t ->
              statement("applyFailed").bind("errorCode", t.code().name()).bind("errorMessage", t.message());
          case Transition.Canceled t -> statement("applyCanceled");
          case Transition.RetryLater t ->
              statement("applyRetryLater")
                  .bind("owner", t.leaseOwner())
                  .bind("nextRunAt", Rows.millis(t.nextRunAt()))
                  .bind("lastError", t.error());
          case Transition.Parked t ->
              statement("applyParked").bind("owner", t.leaseOwner()).bind("nextRunAt", Rows.millis(t.nextRunAt()));
          case Transition.Rescued t ->
              statement("applyRescued").bind("expiredOwner", t.expiredOwner()).bind("reconcile", t.reconcile());
        };
    int rows = update.bind("id", transition.taskId()).bind("now", Rows.millis(now)).execute();
    boolean applied = decide(rows, transition.getClass().getSimpleName(), transition.taskId());
    if (applied && (transition instanceof Transition.Failed || transition instanceof Transition.Canceled)) {
      statement("releaseOutputClaim").bind("id", transition.taskId()).execute();
    }
    return applied;
  }

  @Override
  public List<Task> expiredLeases(Instant now, String afterId, int limit) {
    requireNonNull(now, "now is null");
    if (limit <= 0) {
      return List.of();
    }
    return handle
        .createQuery(sql.get(JdbiTaskStore.class, "expiredLeases"))
        .bind("now", Rows.millis(now))
        .bind("afterId", afterId == null ? "" : afterId)
        .bind("max", limit)
        .map(Rows::task)
        .list();
  }

  @Override
  public Optional<Instant> nextDueAt(Collection<String> providers) {
    requireNonNull(providers, "providers is null");
    if (providers.isEmpty()) {
      return Optional.empty();
    }
    return handle
        .createQuery(sql.get(JdbiTaskStore.class, "nextDueAt"))
        .bindList("providers", List.copyOf(providers))
        .map((rs, ctx) -> Optional.ofNullable(Rows.instant(rs, "due_at")))
        .one();
  }

  @Override
  public Optional<Instant> nextLeaseExpiry() {
    return handle
        .createQuery(sql.get(JdbiTaskStore.class, "nextLeaseExpiry"))
        .map((rs, ctx) -> Optional.ofNullable(Rows.instant(rs, "due_at")))
        .one();
  }

  @Override
  public boolean wakeParked(String taskId, Instant now) {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(now, "now is null");
    int rows = statement("wakeParked").bind("id", taskId).bind("now", Rows.millis(now)).execute();
    return decide(rows, "wake-up", taskId);
  }

  @Override
  public Optional<Task> findByUpstream(String channel, String upstreamId) {
    requireNonNull(channel, "channel is null");
    requireNonNull(upstreamId, "upstreamId is null");
    List<Task> found =
        handle
            .createQuery(sql.get(JdbiTaskStore.class, "findByUpstream"))
            .bind("channel", channel)
            .bind("upstreamId", upstreamId)
            .map(Rows::task)
            .list();
    if (found.size() > 1) {
      // an upstream never gives two jobs one id; two of our tasks claiming one would be a relay bug
      throw new IllegalStateException("upstream job " + upstreamId + " on " + channel + " belongs to " + found.size() + " tasks");
    }
    return found.stream().findFirst();
  }

  @Override
  public Map<String, Long> upstreamLoadByChannel() {
    Map<String, Long> load = new TreeMap<>();
    handle
        .createQuery(sql.get(JdbiTaskStore.class, "upstreamLoadByChannel"))
        .map((rs, ctx) -> Map.entry(rs.getString("channel"), rs.getLong("open_tasks")))
        .forEach(e -> load.put(e.getKey(), e.getValue()));
    return load;
  }

  @Override
  public List<Task> list(TaskQuery query) {
    requireNonNull(query, "query is null");
    Set<TaskStatus> statuses = query.statuses().isEmpty() ? EnumSet.allOf(TaskStatus.class) : query.statuses();
    TaskQuery.Cursor after = query.after();
    return handle
        .createQuery(sql.get(JdbiTaskStore.class, "list"))
        .bind("accountId", query.accountId())
        .bindList("statuses", statuses.stream().map(TaskStatus::dbValue).sorted().toList())
        .bind("kind", query.kind() == null ? null : query.kind().name())
        .bind("createdFrom", Rows.millis(query.createdFrom()))
        .bind("createdTo", Rows.millis(query.createdTo()))
        .bind("afterCreatedAt", after == null ? null : Rows.millis(after.createdAt()))
        .bind("afterId", after == null ? null : after.id())
        .bind("max", query.limit())
        .map(Rows::task)
        .list();
  }

  @Override
  public List<Task> finishedWithAssetsBefore(Instant cutoff, int limit) {
    requireNonNull(cutoff, "cutoff is null");
    if (limit <= 0) {
      return List.of();
    }
    return handle
        .createQuery(sql.get(JdbiTaskStore.class, "finishedWithAssetsBefore"))
        .bind("cutoff", Rows.millis(cutoff))
        .bind("max", limit)
        .map(Rows::task)
        .list();
  }

  @Override
  public void markAssetsPurged(String taskId, Instant now) {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(now, "now is null");
    statement("markAssetsPurged").bind("id", taskId).bind("now", Rows.millis(now)).execute();
  }

  @Override
  public int purgePayloads(Instant cutoff, Instant now) {
    requireNonNull(cutoff, "cutoff is null");
    requireNonNull(now, "now is null");
    return statement("purgePayloads").bind("cutoff", Rows.millis(cutoff)).bind("now", Rows.millis(now)).execute();
  }

  private Update statement(String name) {
    return handle.createUpdate(sql.get(JdbiTaskStore.class, name));
  }

  /** The row count of a guarded single-row update: 0 lost a race, 1 happened, more is a bug. */
  private static boolean decide(int rows, String what, String taskId) {
    if (rows == 0) {
      LOG.debug("{} of task {} lost race: its guard no longer matched", what, taskId);
      return false;
    }
    if (rows > 1) {
      throw new IllegalStateException(what + " of task " + taskId + " updated " + rows + " rows; this indicates a bug");
    }
    return true;
  }
}
