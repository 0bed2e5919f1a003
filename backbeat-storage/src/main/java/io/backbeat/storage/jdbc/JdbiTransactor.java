package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.Transactor;
import io.backbeat.core.store.Tx;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One JDBI handle and one transaction per call: every store of the {@link Tx} uses that handle, so
 * their writes commit together. Anything {@code work} throws rolls the transaction back and reaches
 * the caller unchanged.
 *
 * <p>On SQLite, writers of this process take their turn on a Java lock before {@code BEGIN
 * IMMEDIATE}: SQLite's own busy handler waits by sleeping (1, 2, 5 … 100 ms steps), which left the
 * CPU idle while requests waited hundreds of milliseconds; a lock hands over the moment the writer
 * commits. The busy timeout still covers writers in other processes ({@code keys create}).
 * {@link #read} runs on a separate pool of deferred, query-only connections, which in WAL mode never
 * wait for a writer.
 *
 * <p>{@link #inGroupCommit} hands the work to {@link GroupCommit}'s writers: one on SQLite (it has
 * one writer, and a second would only split the batches), a few on PostgreSQL (its commits wait
 * for fsync, and rows of different tasks do not conflict).
 */
public final class JdbiTransactor implements Transactor, AutoCloseable {
  /** Bounds how long one shared commit holds SQLite's write lock from the dispatcher and the other loops. */
  static final int MAX_GROUP = 64;

  private static final int POSTGRES_GROUP_WRITERS = 4;

  private final Jdbi jdbi;
  private final Jdbi readJdbi;
  private final SqlFiles sql;
  /** Null where the database queues writers itself (PostgreSQL row locks). */
  private final ReentrantLock writerTurn;
  /** Per instance: a transaction on another database may legitimately be open on this thread. */
  private final ThreadLocal<Boolean> open = new ThreadLocal<>();
  private final GroupCommit groupCommit;

  public JdbiTransactor(Jdbi jdbi, SqlDialect dialect) {
    this(jdbi, jdbi, dialect);
  }

  /** @param readJdbi where {@link #read} runs; may be {@code jdbi} itself */
  public JdbiTransactor(Jdbi jdbi, Jdbi readJdbi, SqlDialect dialect) {
    this.jdbi = requireNonNull(jdbi, "jdbi is null");
    this.readJdbi = requireNonNull(readJdbi, "readJdbi is null");
    this.sql = new SqlFiles(requireNonNull(dialect, "dialect is null"));
    this.writerTurn = dialect == SqlDialect.SQLITE ? new ReentrantLock(true) : null;
    this.groupCommit =
        new GroupCommit(
            "backbeat-group-commit",
            new GroupCommit.Transactions() {
              @Override
              public void inTransaction(Consumer<Handle> work) {
                onWriter(
                    handle -> {
                      work.accept(handle);
                      return null;
                    });
              }

              @Override
              public Tx txOn(Handle handle) {
                return JdbiTx.on(handle, sql);
              }
            },
            dialect == SqlDialect.SQLITE ? 1 : POSTGRES_GROUP_WRITERS,
            MAX_GROUP);
  }

  /**
   * @throws IllegalStateException when called from inside {@code work} of another transaction of
   *     this transactor: the inner one would run on a second connection and, on SQLite, wait for the
   *     outer one's write lock until it times out. Use the {@link Tx} you already hold.
   */
  @Override
  public <T> T inTransaction(Function<Tx, T> work) {
    requireNonNull(work, "work is null");
    return onWriter(handle -> work.apply(JdbiTx.on(handle, sql)));
  }

  /** A write transaction, in this process's writer turn on SQLite. */
  private <T> T onWriter(Function<Handle, T> work) {
    enter();
    try {
      if (writerTurn == null) {
        return jdbi.inTransaction(work::apply);
      }
      writerTurn.lock();
      try {
        return jdbi.inTransaction(work::apply);
      } finally {
        writerTurn.unlock();
      }
    } finally {
      open.remove();
    }
  }

  /**
   * @throws IllegalStateException when called from inside {@code work} of a transaction of this
   *     transactor, as {@link #inTransaction} does, or after {@link #close}
   */
  @Override
  public <T> T inGroupCommit(Function<Tx, T> work) {
    requireNonNull(work, "work is null");
    if (open.get() != null) {
      throw new IllegalStateException(
          "inGroupCommit called inside another transaction on the same thread; use the Tx you already have");
    }
    return groupCommit.run(work);
  }

  /** Commits what the group-commit writers hold and stops them; later group commits fail. */
  @Override
  public void close() {
    groupCommit.close();
  }

  @Override
  public <T> T read(Function<Tx, T> work) {
    requireNonNull(work, "work is null");
    return unnested(() -> readJdbi.inTransaction(handle -> work.apply(JdbiTx.on(handle, sql))));
  }

  @Override
  public <T> T readOne(Function<Tx, T> work) {
    requireNonNull(work, "work is null");
    // autocommit: the statement is its own (read) transaction
    return unnested(() -> readJdbi.withHandle(handle -> work.apply(JdbiTx.on(handle, sql))));
  }

  /** Runs {@code body} as this thread's only transaction of this transactor. */
  private <T> T unnested(Supplier<T> body) {
    enter();
    try {
      return body.get();
    } finally {
      open.remove();
    }
  }

  private void enter() {
    if (open.get() != null) {
      throw new IllegalStateException(
          "inTransaction called inside another transaction on the same thread; use the Tx you already have");
    }
    open.set(Boolean.TRUE);
  }
}
