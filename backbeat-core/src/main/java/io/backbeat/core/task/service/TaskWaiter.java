package io.backbeat.core.task.service;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.event.TaskListener;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.Task;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for tasks to end, for synchronous routes: they create a task like every other route (so it
 * is listed, billed and idempotent) and answer once it is terminal. A terminal event on this node
 * wakes the waiter at once; a task finished by another node is seen by re-reading the row every
 * {@link #RECHECK}, so nothing depends on events crossing nodes.
 */
public final class TaskWaiter implements TaskListener {
  /** How often a waiter re-reads its task; only matters when another node runs it. */
  static final Duration RECHECK = Duration.ofMillis(250);

  private final Transactor transactor;
  private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

  public TaskWaiter(Transactor transactor) {
    this.transactor = requireNonNull(transactor, "transactor is null");
  }

  /** The task once terminal, or empty when {@code timeout} passed first (it keeps running). */
  public Optional<Task> awaitTerminal(String taskId, Duration timeout) throws InterruptedException {
    requireNonNull(taskId, "taskId is null");
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Void> ended = waiting.computeIfAbsent(taskId, id -> new CompletableFuture<>());
    try {
      while (true) {
        Task task = transactor.inTransaction(tx -> tx.tasks().find(taskId)).orElseThrow();
        if (task.status().isTerminal()) {
          return Optional.of(task);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          ended.get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // look at the row again
        }
      }
    } finally {
      waiting.remove(taskId, ended);
    }
  }

  /** Another node ended {@code taskId} (a database notification): its waiter re-reads it now. */
  public void wake(String taskId) {
    CompletableFuture<Void> ended = waiting.get(taskId);
    if (ended != null) {
      ended.complete(null);
    }
  }

  @Override
  public void onEvent(TaskEvent event) {
    if (event.status().isTerminal()) {
      CompletableFuture<Void> ended = waiting.get(event.taskId());
      if (ended != null) {
        ended.complete(null);
      }
    }
  }
}
