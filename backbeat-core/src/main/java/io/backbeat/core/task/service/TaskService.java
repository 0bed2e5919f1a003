package io.backbeat.core.task.service;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.event.TaskListener;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.store.Tx;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.billing.PriceTable;
import io.backbeat.core.billing.Settlement;
import io.backbeat.core.moderation.ContentPolicy;
import io.backbeat.core.webhook.Callback;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.core.webhook.WebhookDelivery;
import io.backbeat.core.account.Secrets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates tasks and moves them through their lifecycle. Each state change is one transaction: the
 * compare-and-set, the timeline event and the callback outbox rows commit together or not at all.
 */
public final class TaskService {
  private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);

  private final Transactor transactor;
  private final InstantSource clock;
  private final List<Provider> providers;
  private final Map<String, CallbackRenderer> renderers;
  private final PriceTable prices;
  private final ContentPolicy contentPolicy;
  private final List<TaskListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> onInsert = new CopyOnWriteArrayList<>();
  private final List<Runnable> onOutbox = new CopyOnWriteArrayList<>();

  /**
   * @param providers in order of preference: the first that supports a kind runs it
   * @param renderers callback renderers by dialect name
   */
  public TaskService(
      Transactor transactor, InstantSource clock, List<Provider> providers, Map<String, CallbackRenderer> renderers) {
    this(transactor, clock, providers, renderers, PriceTable.DEFAULT, ContentPolicy.ALLOW_ALL);
  }

  /**
   * @param prices credits held per task (only metered accounts pay)
   * @param contentPolicy checked on every create and on provider outputs
   */
  public TaskService(
      Transactor transactor,
      InstantSource clock,
      List<Provider> providers,
      Map<String, CallbackRenderer> renderers,
      PriceTable prices,
      ContentPolicy contentPolicy) {
    this.prices = requireNonNull(prices, "prices is null");
    this.contentPolicy = requireNonNull(contentPolicy, "contentPolicy is null");
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.providers = List.copyOf(providers);
    this.renderers = new java.util.concurrent.ConcurrentHashMap<>(renderers);
    if (this.providers.isEmpty()) {
      throw new IllegalStateException("No providers registered");
    }
  }

  /** Registers the callback renderer of a dialect (dialects are built after the service they use). */
  public void registerRenderer(String dialect, CallbackRenderer renderer) {
    renderers.put(requireNonNull(dialect, "dialect is null"), requireNonNull(renderer, "renderer is null"));
  }

  public void addListener(TaskListener listener) {
    listeners.add(requireNonNull(listener, "listener is null"));
  }

  /** Called after a task is inserted (wakes the dispatcher). */
  public void onInsert(Runnable hook) {
    onInsert.add(hook);
  }

  /** Called after callbacks were enqueued (wakes the webhook dispatcher). */
  public void onOutbox(Runnable hook) {
    onOutbox.add(hook);
  }

  /** Inserts a queued task and wakes the workers. */
  public Task create(NewTask newTask) {
    return create(newTask, tx -> {});
  }

  /**
   * Inserts a queued task; {@code alsoInTransaction} runs in the same transaction (credit hold,
   * idempotency record) and may throw to abort the insert. That transaction may be shared with
   * other creates ({@link Transactor#inGroupCommit}); this returns after its commit.
   *
   * @throws OutputAlreadyClaimed when the spec's one-per-source output is held by another task
   */
  public Task create(NewTask newTask, java.util.function.Consumer<TxWithTask> alsoInTransaction) {
    TaskSpec spec = newTask.spec();
    Provider provider = providerFor(spec);
    if (spec.callbackUrl() != null && !renderers.containsKey(newTask.dialect())) {
      // a dialect that takes callback URLs must render callbacks; silently sending none would be a lie
      LOG.error("Dialect {} accepted a callback URL but registered no callback renderer", newTask.dialect());
      throw new BackbeatException(BackbeatError.INTERNAL, "callbacks are not available on this route; it has been logged");
    }
    contentPolicy
        .check(spec.moderatedTexts())
        .ifPresent(v -> {
          throw new BackbeatException(BackbeatError.CONTENT_BLOCKED, v.message());
        });
    long price = prices.priceOf(spec.kind(), spec.model());
    Instant now = clock.instant();
    Task task =
        Task.queued(
            TaskIds.newId(),
            newTask.principal().accountId(),
            newTask.principal().apiKeyId(),
            newTask.dialect(),
            newTask.route(),
            provider.name(),
            spec,
            newTask.originalPayload(),
            now);
    // creates arrive together: they share commits, and each one's failure rolls back its own rows only
    TaskEvent event =
        transactor.inGroupCommit(
            tx -> {
              tx.tasks().insert(task);
              // the database decides one-per-source outputs: two simultaneous creates cannot both pass
              spec.outputClaim()
                  .flatMap(claim -> tx.tasks().claimOutput(task.accountId(), claim, task.id()).map(holder -> new OutputAlreadyClaimed(claim, holder)))
                  .ifPresent(taken -> {
                    throw taken;
                  });
              if (price > 0 && !tx.ledger().hold(task.accountId(), task.id(), price, now)) {
                long balance = tx.ledger().balance(task.accountId()).orElse(0);
                throw new BackbeatException(
                    BackbeatError.INSUFFICIENT_CREDITS,
                    "quota exhausted: this task costs " + price + " credits and the balance is " + balance);
              }
              if (newTask.clientReference() != null) {
                nameTask(tx, task, newTask.clientReference());
              }
              alsoInTransaction.accept(new TxWithTask(tx, task));
              return tx.events().append(new TaskEvent(0, task.id(), task.accountId(), task.status(), task.stage(), "created", now));
            });
    LOG.info("Task {} created ({} via {}, provider {})", task.id(), task.kind(), task.route(), provider.name());
    notifyListeners(event);
    onInsert.forEach(Runnable::run);
    return task;
  }

  /**
   * Applies a transition. Returns true when it took effect; false when the task had already moved
   * on (a lost race), in which case nothing at all was written.
   */
  public boolean advance(Transition transition) {
    Instant now = clock.instant();
    if (!transition.visible()) {
      boolean applied = transactor.inTransaction(tx -> tx.tasks().apply(transition, now));
      if (!applied) {
        LOG.debug("Transition {} of task {} lost a race; nothing changed", transition.getClass().getSimpleName(), transition.taskId());
      }
      return applied;
    }
    Optional<Applied> applied =
        transactor.inTransaction(
            tx -> {
              if (!tx.tasks().apply(transition, now)) {
                return Optional.empty();
              }
              Task task = tx.tasks().find(transition.taskId()).orElseThrow();
              // money moves with the terminal state, in its transaction; unique ledger rows make it once
              if (task.status() == TaskStatus.SUCCEEDED || keepsCharge(task, transition)) {
                tx.ledger().settle(task.id(), now);
              } else if (task.status() == TaskStatus.FAILED || task.status() == TaskStatus.CANCELED) {
                tx.ledger().refund(task.id(), now);
              }
              TaskEvent event =
                  tx.events().append(new TaskEvent(0, task.id(), task.accountId(), task.status(), task.stage(), transition.reason(), now));
              int callbacks = enqueueCallbacks(tx, task, transition, now);
              return Optional.of(new Applied(task, event, callbacks));
            });
    if (applied.isEmpty()) {
      LOG.debug("Transition {} of task {} lost a race; nothing changed", transition.getClass().getSimpleName(), transition.taskId());
      return false;
    }
    Applied a = applied.get();
    LOG.info("Task {} is now {}/{} ({})", a.task.id(), a.task.status().dbValue(), a.task.stage().dbValue(), transition.reason());
    notifyListeners(a.event);
    if (a.callbacks > 0) {
      onOutbox.forEach(Runnable::run);
    }
    return true;
  }

  /**
   * Cancels a queued or running task of {@code accountId}; its run stops and its hold is refunded.
   * Throws NOT_FOUND for another account's task and ALREADY_EXISTS-style CONFLICT when it already ended.
   */
  public Task cancel(String accountId, String taskId) {
    Task task = find(accountId, taskId).orElseThrow(() -> BackbeatException.notFound("no task with id '" + taskId + "'"));
    if (task.status().isTerminal() || !advance(Transition.canceled(task.id()))) {
      Task now = find(accountId, taskId).orElseThrow();
      throw new BackbeatException(BackbeatError.ALREADY_EXISTS, "task " + taskId + " has already ended (" + now.status().dbValue() + ")");
    }
    return find(accountId, taskId).orElseThrow();
  }

  public ContentPolicy contentPolicy() {
    return contentPolicy;
  }

  /** The account's task the client named {@code reference} at creation. */
  public Optional<Task> findByReference(String accountId, String reference) {
    if (reference == null || reference.isBlank()) {
      return Optional.empty();
    }
    return transactor.read(
        tx -> tx.taskReferences().taskIdOf(accountId, reference).flatMap(id -> tx.tasks().findOwned(accountId, id)));
  }

  /** The name the client gave the task at creation, if any. */
  public Optional<String> referenceOf(String taskId) {
    return transactor.read(tx -> tx.taskReferences().referenceOf(taskId));
  }

  /** A client reference is unique per account: reusing one aborts the create (ALREADY_EXISTS). */
  private static void nameTask(Tx tx, Task task, String reference) {
    if (tx.taskReferences().taskIdOf(task.accountId(), reference).isPresent()) {
      throw new BackbeatException(BackbeatError.ALREADY_EXISTS, "the client reference '" + reference + "' is already used by another task of this account");
    }
    try {
      tx.taskReferences().insert(task.accountId(), reference, task.id());
    } catch (io.backbeat.core.store.DuplicateKeyException raced) {
      throw new BackbeatException(BackbeatError.ALREADY_EXISTS, "the client reference '" + reference + "' is already used by another task of this account");
    }
  }

  /** One page of an account's tasks, newest first (a dialect looking up one of the caller's clips, say). */
  public java.util.List<Task> list(io.backbeat.core.task.TaskQuery query) {
    return transactor.inTransaction(tx -> tx.tasks().list(query));
  }

  public Optional<Task> find(String accountId, String taskId) {
    if (!TaskIds.isWellFormed(taskId)) {
      return Optional.empty();
    }
    return transactor.read(tx -> tx.tasks().findOwned(accountId, taskId));
  }

  /** The version columns of the account's task (see {@link io.backbeat.core.task.TaskVersion}); empty like {@link #find}. */
  public Optional<io.backbeat.core.task.TaskVersion> findVersion(String accountId, String taskId) {
    if (!TaskIds.isWellFormed(taskId)) {
      return Optional.empty();
    }
    return transactor.readOne(tx -> tx.tasks().findOwnedVersion(accountId, taskId));
  }

  /**
   * Whether a task that just failed or was canceled keeps its hold: the provider said the upstream
   * charged (or may have), or the client canceled work an upstream had taken (or may have taken) and
   * goes on doing — the upstream bills it whether we wait for it or not.
   */
  private static boolean keepsCharge(Task task, Transition transition) {
    if (task.status() == TaskStatus.FAILED) {
      return transition instanceof Transition.Failed failed && failed.settlement() == Settlement.CHARGE;
    }
    if (task.status() == TaskStatus.CANCELED) {
      return task.handle().submitState().upstreamMayHaveIt();
    }
    return false;
  }

  private int enqueueCallbacks(Tx tx, Task task, Transition transition, Instant now) {
    if (task.callbackUrl() == null || task.callbackUrl().isBlank()) {
      return 0;
    }
    CallbackRenderer renderer = renderers.get(task.dialect());
    if (renderer == null) {
      // create() refuses callback URLs of such dialects; a task from before a dialect lost its renderer
      LOG.warn("Task {} has a callback URL but dialect {} renders no callbacks; none sent", task.id(), task.dialect());
      return 0;
    }
    List<Callback> callbacks = renderer.render(task, transition);
    for (Callback callback : callbacks) {
      tx.webhooks()
          .enqueue(
              WebhookDelivery.pending(
                  Secrets.newId("msg_"), task.id(), task.accountId(), task.callbackUrl(), callback.eventType(), callback.body(), now));
    }
    return callbacks.size();
  }

  private Provider providerFor(TaskSpec spec) {
    return providers.stream()
        .filter(p -> p.serves(spec))
        .findFirst()
        .orElseThrow(
            () -> new BackbeatException(BackbeatError.UNSUPPORTED, "no provider is configured for " + spec.kind() + " tasks"));
  }

  /** Tells the listeners of an event committed elsewhere (the dispatcher's claims). */
  public void publish(TaskEvent event) {
    notifyListeners(event);
  }

  private void notifyListeners(TaskEvent event) {
    for (TaskListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("Task listener {} threw; ignored", listener, e);
      }
    }
  }

  /** The open transaction of a create, with the task being inserted. */
  public record TxWithTask(Tx tx, Task task) {}

  private record Applied(Task task, TaskEvent event, int callbacks) {}
}
