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

  default void useTransaction(Consumer<Tx> work) {
    inTransaction(
        tx -> {
          work.accept(tx);
          return null;
        });
  }
}
