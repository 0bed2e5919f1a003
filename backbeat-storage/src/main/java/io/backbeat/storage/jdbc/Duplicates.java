package io.backbeat.storage.jdbc;

import io.backbeat.core.store.DuplicateKeyException;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns a unique-constraint failure into the core's {@link DuplicateKeyException}. */
final class Duplicates {
  /** PostgreSQL's SQLSTATE {@code unique_violation}. */
  private static final String POSTGRES_UNIQUE_VIOLATION = "23505";

  private Duplicates() {}

  static <T> T translate(String what, Supplier<T> statement) {
    try {
      return statement.get();
    } catch (JdbiException e) {
      if (isUniqueViolation(e)) {
        throw new DuplicateKeyException(what + " already exists", e);
      }
      throw e;
    }
  }

  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        SQLiteErrorCode code = sqlite.getResultCode();
        if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
          return true;
        }
      } else if (t instanceof SQLException sql && POSTGRES_UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
