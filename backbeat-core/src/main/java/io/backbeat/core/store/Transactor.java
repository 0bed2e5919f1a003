package io.backbeat.core.store;

import java.util.function.Consumer;
import java.util.function.Function;

/** The one transaction boundary: everything done through one {@link Tx} commits or rolls back together. */
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
