package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.Transactor;
import io.backbeat.core.store.Tx;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * One JDBI handle and one transaction per call: every store of the {@link Tx} uses that handle, so
 * their writes commit together. Anything {@code work} throws rolls the transaction back and reaches
 * the caller unchanged.
 */
public final class JdbiTransactor implements Transactor {
  private final Jdbi jdbi;
  private final SqlFiles sql;
  /** Per instance: a transaction on another database may legitimately be open on this thread. */
  private final ThreadLocal<Boolean> open = new ThreadLocal<>();

  public JdbiTransactor(Jdbi jdbi, SqlDialect dialect) {
    this.jdbi = requireNonNull(jdbi, "jdbi is null");
    this.sql = new SqlFiles(requireNonNull(dialect, "dialect is null"));
  }

  /**
   * @throws IllegalStateException when called from inside {@code work} of another transaction of
   *     this transactor: the inner one would run on a second connection and, on SQLite, wait for the
   *     outer one's write lock until it times out. Use the {@link Tx} you already hold.
   */
  @Override
  public <T> T inTransaction(Function<Tx, T> work) {
    requireNonNull(work, "work is null");
    if (open.get() != null) {
      throw new IllegalStateException(
          "inTransaction called inside another transaction on the same thread; use the Tx you already have");
    }
    open.set(Boolean.TRUE);
    try {
      return jdbi.inTransaction(handle -> work.apply(JdbiTx.on(handle, sql)));
    } finally {
      open.remove();
    }
  }
}
