package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.Transactor;
import io.backbeat.core.store.Tx;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
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
 */
public final class JdbiTransactor implements Transactor {
  private final Jdbi jdbi;
  private final Jdbi readJdbi;
  private final SqlFiles sql;
  /** Null where the database queues writers itself (PostgreSQL row locks). */
  private final ReentrantLock writerTurn;
  /** Per instance: a transaction on another database may legitimately be open on this thread. */
  private final ThreadLocal<Boolean> open = new ThreadLocal<>();

  public JdbiTransactor(Jdbi jdbi, SqlDialect dialect) {
    this(jdbi, jdbi, dialect);
  }

  /** @param readJdbi where {@link #read} runs; may be {@code jdbi} itself */
  public JdbiTransactor(Jdbi jdbi, Jdbi readJdbi, SqlDialect dialect) {
    this.jdbi = requireNonNull(jdbi, "jdbi is null");
    this.readJdbi = requireNonNull(readJdbi, "readJdbi is null");
    this.sql = new SqlFiles(requireNonNull(dialect, "dialect is null"));
    this.writerTurn = dialect == SqlDialect.SQLITE ? new ReentrantLock(true) : null;
  }

  /**
   * @throws IllegalStateException when called from inside {@code work} of another transaction of
   *     this transactor: the inner one would run on a second connection and, on SQLite, wait for the
   *     outer one's write lock until it times out. Use the {@link Tx} you already hold.
   */
  @Override
  public <T> T inTransaction(Function<Tx, T> work) {
    requireNonNull(work, "work is null");
    enter();
    try {
      if (writerTurn == null) {
        return jdbi.inTransaction(handle -> work.apply(JdbiTx.on(handle, sql)));
      }
      writerTurn.lock();
      try {
        return jdbi.inTransaction(handle -> work.apply(JdbiTx.on(handle, sql)));
      } finally {
        writerTurn.unlock();
      }
    } finally {
      open.remove();
    }
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
