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

  public static boolean isOutage(Throwable failure) {
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
    }
    return false;
  }
}
