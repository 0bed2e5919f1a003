package io.backbeat.storage;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database outage (no connection to be had, or the one in use was cut) from every other
 * failure. An outage is the client's cue to retry shortly: nothing was written, since a transaction
 * commits whole or not at all. Anything else (a constraint, a bug) stays an internal error.
 */
public final class DatabaseOutage {
  private DatabaseOutage() {}

  /**
   * True when {@code failure}, one of its causes, or a failure suppressed along the way (a grouped
   * work whose savepoint could not be rolled back on the cut connection carries the work's own
   * failure as suppressed) is a lost connection.
   */
  public static boolean isOutage(Throwable failure) {
    return isOutage(failure, 0);
  }

  private static boolean isOutage(Throwable failure, int depth) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException // the pool found no live connection in time
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exceptions; 57P01-03: the server is shutting down or starting up
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
          return true;
        }
      }
      if (depth < 2) {
        for (Throwable suppressed : t.getSuppressed()) {
          if (isOutage(suppressed, depth + 1)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
