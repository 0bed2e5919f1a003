package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionException;

/**
 * Group commit: callers queue their work, and writer threads run whatever has queued meanwhile in
 * one transaction, each work in its own savepoint, then complete every caller after the commit.
 * No work waits for a batch to fill: a writer takes what is there, so batches grow only while the
 * previous commit runs. A commit is the expensive part of a short write (the WAL append and, on
 * PostgreSQL, the fsync), so creates that arrive together share it.
 *
 * <p>A lone caller (nothing queued, a writer's turn free) commits its work itself, on its own
 * thread: handing it to a writer thread and back would cost two thread wake-ups for no company.
 * Turns bound the commits running at once to the number of writers, whoever runs them.
 */
final class GroupCommit {
  /** One caller's work and the future its caller waits on. */
  private record Pending(Function<Tx, ?> work, CompletableFuture<Object> done) {}

  /** What a work did inside the shared transaction, delivered to its caller after the commit. */
  private sealed interface Outcome {
    record Returned(Object value) implements Outcome {}

    record Threw(RuntimeException failure) implements Outcome {}
  }

  /** Opens a transaction on a handle, runs the consumer in it and commits (or rolls back). */
  interface Transactions {
    void inTransaction(Consumer<Handle> work);

    Tx txOn(Handle handle);
  }

  private static final String SAVEPOINT = "group_commit_work";

  private final Transactions transactions;
  private final int maxBatch;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when work is queued, a turn is given back, or the group closes. */
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final List<Thread> writers = new ArrayList<>();
  private final int writerCount;
  private final String name;
  /** Commits that may start now: writerCount minus those running (by a writer or a lone caller). */
  private int freeTurns;
  private boolean started;
  private boolean closed;

  /**
   * @param writers threads committing batches side by side (1 where the database has one writer)
   * @param maxBatch the most works in one transaction, which bounds how long one commit holds the
   *     write lock
   */
  GroupCommit(String name, Transactions transactions, int writers, int maxBatch) {
    if (writers < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("writers and maxBatch must be positive");
    }
    this.name = requireNonNull(name, "name is null");
    this.transactions = requireNonNull(transactions, "transactions is null");
    this.writerCount = writers;
    this.freeTurns = writers;
    this.maxBatch = maxBatch;
  }

  /** Runs {@code work} in the next shared transaction; returns its result after that commit. */
  @SuppressWarnings("unchecked")
  <T> T run(Function<Tx, T> work) {
    requireNonNull(work, "work is null");
    Pending pending = new Pending(work, new CompletableFuture<>());
    boolean alone;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the database is closed");
      }
      startWriters();
      alone = queue.isEmpty() && freeTurns > 0;
      if (alone) {
        freeTurns--;
      } else {
        queue.add(pending);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (alone) {
      try {
        commit(List.of(pending));
      } catch (RuntimeException | Error failure) {
        pending.done().completeExceptionally(failure); // no-op if the commit had completed it
      } finally {
        giveBackTurn();
      }
    }
    try {
      // join, not get: an interrupt must not turn a commit that happens anyway into an error
      return (T) pending.done().join();
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** Works waiting for a writer (tests wait on it to build a batch). */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Lets the writers (and lone callers) finish what was queued, then stops them. */
  void close() {
    List<Thread> running;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      changed.signalAll();
      running = List.copyOf(writers);
      // the database closes after this: no commit may still be running then
      while (!running.isEmpty() && !queue.isEmpty() || freeTurns < writerCount) {
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    for (Thread writer : running) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    lock.lock();
    try {
      for (Pending left; (left = queue.poll()) != null; ) {
        left.done().completeExceptionally(new IllegalStateException("the database is closed"));
      }
    } finally {
      lock.unlock();
    }
  }

  private void giveBackTurn() {
    lock.lock();
    try {
      freeTurns++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void startWriters() {
    if (started) {
      return;
    }
    started = true;
    for (int i = 0; i < writerCount; i++) {
      // a platform thread: SQLite's driver works in native code, which would pin a virtual thread's carrier anyway
      writers.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(this::write));
    }
  }

  private void write() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (true) {
      lock.lock();
      try {
        while (queue.isEmpty() || freeTurns == 0) {
          if (closed && queue.isEmpty()) {
            return; // close() waits for the running commits itself
          }
          changed.awaitUninterruptibly(); // only close() stops a writer
        }
        freeTurns--;
        for (int i = 0; i < maxBatch && !queue.isEmpty(); i++) {
          batch.add(queue.poll());
        }
      } finally {
        lock.unlock();
      }
      try {
        commit(batch);
      } finally {
        batch.clear();
        giveBackTurn();
      }
    }
  }

  private void commit(List<Pending> batch) {
    // a lone work can still lose a deadlock to another node's batch (PostgreSQL: its rows and the
    // event lock taken in another order): rolled back whole, it runs once more alone, as a batch does
    List<Pending> again = commit(batch, true);
    for (Pending pending : again) {
      commit(List.of(pending), false);
    }
  }

  /**
   * Commits the batch and completes its callers; returns the works to run again alone: with
   * {@code retryAlone}, those that lost a deadlock or a serialization conflict to another writer's
   * batch (PostgreSQL rolled their part back; two batches lock rows of several accounts each, in
   * no common order), or all of them if the whole transaction lost.
   */
  private List<Pending> commit(List<Pending> batch, boolean retryAlone) {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    try {
      transactions.inTransaction(
          handle -> {
            outcomes.clear(); // nothing of an earlier try reaches a caller
            Tx tx = transactions.txOn(handle);
            if (batch.size() == 1) {
              // alone, a work needs no savepoint: what it throws rolls the whole transaction back,
              // which holds nothing else, and reaches its caller below (two statements fewer per lone create)
              outcomes.add(new Outcome.Returned(batch.get(0).work().apply(tx)));
              return;
            }
            for (Pending pending : batch) {
              outcomes.add(runInSavepoint(handle, tx, pending.work()));
            }
          });
    } catch (RuntimeException | Error failure) {
      if (retryAlone && lostToAnotherWriter(failure)) {
        return batch; // rolled back as a whole: nothing of it was written
      }
      // the commit (or the transaction around the works) failed: nothing of this batch was written
      for (Pending pending : batch) {
        pending.done().completeExceptionally(failure);
      }
      return List.of();
    }
    List<Pending> again = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Pending pending = batch.get(i);
      switch (outcomes.get(i)) {
        case Outcome.Returned returned -> pending.done().complete(returned.value());
        case Outcome.Threw threw when retryAlone && lostToAnotherWriter(threw.failure()) -> again.add(pending);
        case Outcome.Threw threw -> pending.done().completeExceptionally(threw.failure());
      }
    }
    return again;
  }

  /** SQLSTATE class 40, transaction rollback: {@code 40P01} deadlock, {@code 40001} serialization failure. */
  static boolean lostToAnotherWriter(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A failing work is rolled back to its savepoint and the batch goes on; if even that rollback
   * fails, the connection is in doubt and the whole transaction fails. The savepoint is taken on
   * the JDBC connection itself: JDBI forgets a savepoint once rolled back to, and SQL keeps it
   * until it is released.
   */
  private static Outcome runInSavepoint(Handle handle, Tx tx, Function<Tx, ?> work) {
    Connection connection = handle.getConnection();
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint(SAVEPOINT);
    } catch (SQLException e) {
      throw new TransactionException("cannot set a savepoint for a grouped work", e);
    }
    Object value;
    try {
      value = work.apply(tx);
    } catch (RuntimeException failure) {
      try {
        connection.rollback(savepoint);
        connection.releaseSavepoint(savepoint);
      } catch (SQLException rollback) {
        TransactionException inDoubt = new TransactionException("cannot roll back a failed grouped work", rollback);
        inDoubt.addSuppressed(failure);
        throw inDoubt;
      }
      return new Outcome.Threw(failure);
    }
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new TransactionException("cannot release the savepoint of a grouped work", e);
    }
    return new Outcome.Returned(value);
  }

  private static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException(failure);
  }
}
