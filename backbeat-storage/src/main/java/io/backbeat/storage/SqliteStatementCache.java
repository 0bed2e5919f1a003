package io.backbeat.storage;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Keeps SQLite's prepared statements per pooled connection: sqlite-jdbc compiles the SQL on every
 * {@code prepareStatement} (about as long as running a short insert), and neither it nor Hikari
 * caches. A profile of creates put 40% of the group-commit writer's native time in that compile.
 *
 * <p>Statements are prepared on the driver's own connection, under Hikari's proxy, because the
 * proxy closes every statement made through it when the borrower returns it. A cached statement
 * serves one use at a time (a second use of the same SQL meanwhile gets a fresh statement); its
 * result set is closed by JDBI after each use, which resets it, so an idle cached statement holds
 * no read transaction.
 */
final class SqliteStatementCache implements StatementBuilderFactory {
  /** Per connection; the store's SQL files are about a hundred, and a few dominate. */
  static final int PER_CONNECTION = 64;

  private static final StatementBuilder PLAIN = new DefaultStatementBuilder();

  /** By the driver's connection; entries of closed connections go when a new connection appears. */
  private final Map<SQLiteConnection, Statements> byConnection = new HashMap<>();

  @Override
  public StatementBuilder createStatementBuilder(Connection connection) {
    SQLiteConnection raw;
    try {
      raw = connection.isWrapperFor(SQLiteConnection.class) ? connection.unwrap(SQLiteConnection.class) : null;
    } catch (SQLException e) {
      raw = null;
    }
    if (raw == null) {
      return PLAIN;
    }
    return new Cached(statementsOf(raw));
  }

  private synchronized Statements statementsOf(SQLiteConnection raw) {
    Statements statements = byConnection.get(raw);
    if (statements == null) {
      byConnection.keySet().removeIf(SqliteStatementCache::closed); // Hikari retired it
      statements = new Statements(raw);
      byConnection.put(raw, statements);
    }
    return statements;
  }

  private static boolean closed(SQLiteConnection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** Connections whose statements are kept (tests). */
  synchronized int connections() {
    return byConnection.size();
  }

  private record Cached(Statements statements) implements StatementBuilder {
    @Override
    public Statement create(Connection connection, StatementContext ctx) throws SQLException {
      return PLAIN.create(connection, ctx);
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext ctx) throws SQLException {
      if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
        return PLAIN.create(connection, sql, ctx); // other statement options: not worth a cache entry
      }
      PreparedStatement statement = statements.take(sql);
      return statement != null ? statement : PLAIN.create(connection, sql, ctx);
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext ctx) throws SQLException {
      return PLAIN.createCall(connection, sql, ctx);
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
      if (!statements.giveBack(statement)) {
        statement.close();
      }
    }
  }

  /** One connection's statements, least recently used first. */
  private static final class Statements {
    private final SQLiteConnection raw;
    private final LinkedHashMap<String, Entry> bySql = new LinkedHashMap<>(32, 0.75f, true);
    private final Map<Statement, Entry> inUse = new IdentityHashMap<>();

    Statements(SQLiteConnection raw) {
      this.raw = raw;
    }

    /** The cached statement of {@code sql}, prepared on first use; null while it is in use. */
    synchronized PreparedStatement take(String sql) throws SQLException {
      Entry entry = bySql.get(sql);
      if (entry != null && entry.statement.isClosed()) {
        bySql.remove(sql);
        entry = null;
      }
      if (entry == null) {
        entry = new Entry(sql, raw.prepareStatement(sql));
        bySql.put(sql, entry);
        evictBeyondLimit();
      }
      if (entry.inUse) {
        return null;
      }
      entry.inUse = true;
      inUse.put(entry.statement, entry);
      return entry.statement;
    }

    /**
     * True when {@code statement} is this cache's: it is kept. (JDBI names the SQL it was given,
     * not the parsed SQL it prepared, so the statement itself is the key.)
     */
    synchronized boolean giveBack(Statement statement) throws SQLException {
      Entry entry = inUse.remove(statement);
      if (entry == null) {
        return false; // a second use's fresh statement: the caller closes it
      }
      entry.inUse = false;
      try {
        entry.statement.clearParameters();
      } catch (SQLException broken) {
        // some failures (a write on a read-only connection) finalize the statement under the driver
        bySql.remove(entry.sql, entry);
        return false;
      }
      return true;
    }

    private void evictBeyondLimit() throws SQLException {
      if (bySql.size() <= PER_CONNECTION) {
        return;
      }
      List<String> idle = new ArrayList<>();
      for (Map.Entry<String, Entry> e : bySql.entrySet()) {
        if (bySql.size() - idle.size() <= PER_CONNECTION) {
          break;
        }
        if (!e.getValue().inUse) {
          idle.add(e.getKey());
        }
      }
      for (String sql : idle) {
        bySql.remove(sql).statement.close();
      }
    }
  }

  private static final class Entry {
    final String sql;
    final PreparedStatement statement;
    boolean inUse;

    Entry(String sql, PreparedStatement statement) {
      this.sql = sql;
      this.statement = statement;
    }
  }
}
