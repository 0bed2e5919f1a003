package io.backbeat.core.store;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one transaction boundary: everything done through one {@link Tx} commits or rolls back
 * together. Transactions do not nest: calling {@code inTransaction} inside {@code work} on the same
 * thread is a bug (on SQLite it would wait on its own write lock).
 */
public interface Transactor {

  <T> T inTransaction(Function<Tx, T> work);

  /**
   * A transaction that only reads: it sees the last committed state and, where the database allows
   * it (SQLite in WAL mode), never waits for a writer. Writing through its {@link Tx} is a bug and
   * fails. The default runs an ordinary transaction.
   */
  default <T> T read(Function<Tx, T> work) {
    return inTransaction(work);
  }

  /**
   * A read that is a single statement: one statement sees one committed state by itself, so no
   * transaction is opened around it (no BEGIN and COMMIT for a poll's version check). {@code work}
   * must run exactly one statement; anything more needs {@link #read}. The default is {@link #read}.
   */
  default <T> T readOne(Function<Tx, T> work) {
    return read(work);
  }

  /**
   * Like {@link #inTransaction}, for short writes that many callers issue at once (creates): the
   * work may share one transaction, and so one commit, with other callers' work queued meanwhile.
   * Each work runs in its own savepoint, so what it throws rolls back its own writes only and
   * reaches its caller unchanged; it sees the writes of work committed before it. This returns
   * only after the shared commit, and a failed commit fails every work of it. The work may run on
   * another thread (a lone work runs on the caller's): it must not rely on thread-locals of the caller. The default runs an
   * ordinary transaction.
   */
  default <T> T inGroupCommit(Function<Tx, T> work) {
    return inTransaction(work);
  }

  default void useTransaction(Consumer<Tx> work) {
    inTransaction(
        tx -> {
          work.accept(tx);
          return null;
        });
  }
}
