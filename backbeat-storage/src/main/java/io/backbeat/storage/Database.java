package io.backbeat.storage;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.backbeat.core.store.Transactor;
import io.backbeat.storage.jdbc.JdbiTransactor;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import io.backbeat.storage.migration.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The database of one Backbeat node: a connection pool on SQLite or PostgreSQL, migrated on open.
 * Everything else reaches it through {@link #transactor()}.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /**
   * How long a SQLite connection waits for another writer (a thread, or another process such as a
   * {@code keys create} run) before failing with SQLITE_BUSY. Transactions are short; this is
   * generous so a busy server never surfaces BUSY to a client.
   */
  static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

  /**
   * SQLite runs one writer at a time whatever the pool size; a few connections let readiness
   * checks and short transactions queue in the pool rather than in SQLite's sleep-and-retry loop.
   */
  private static final int SQLITE_POOL_SIZE = 4;

  /** Read-only SQLite connections (polls, key lookups): WAL readers run beside the writer. */
  private static final int SQLITE_READ_POOL_SIZE = 4;

  private static final int POSTGRES_POOL_SIZE = 10;
  static final long POSTGRES_CONNECTION_TIMEOUT_MILLIS = 5_000;

  private final HikariDataSource dataSource;
  /** SQLite only: deferred, query-only connections for {@link io.backbeat.core.store.Transactor#read}. */
  private final HikariDataSource readDataSource;
  private final SqlDialect dialect;
  private final Jdbi jdbi;
  /** Where reads run: {@link #jdbi} itself, or SQLite's query-only pool. */
  private final Jdbi readJdbi;
  private final JdbiTransactor transactor;

  private Database(HikariDataSource dataSource, HikariDataSource readDataSource, SqlDialect dialect) {
    this.dataSource = dataSource;
    this.readDataSource = readDataSource;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(dataSource);
    this.readJdbi = readDataSource == null ? jdbi : Jdbi.create(readDataSource);
    if (dialect == SqlDialect.SQLITE) {
      // PostgreSQL's driver keeps its own prepared statements; SQLite's compiles every statement anew
      SqliteStatementCache statements = new SqliteStatementCache();
      jdbi.setStatementBuilderFactory(statements);
      readJdbi.setStatementBuilderFactory(statements);
    }
    this.transactor = new JdbiTransactor(jdbi, readJdbi, dialect);
  }

  /**
   * Opens {@code jdbc:sqlite:<path>} (creating the file and its folder) or
   * {@code jdbc:postgresql://host:port/db[?user=…&password=…]}, and migrates it.
   */
  public static Database open(String jdbcUrl) {
    return open(jdbcUrl, null, null);
  }

  /** Like {@link #open(String)}, with credentials kept out of the URL (either may be null). */
  public static Database open(String jdbcUrl, String user, String password) {
    requireNonNull(jdbcUrl, "jdbcUrl is null");
    SqlDialect dialect = SqlDialect.fromJdbcUrl(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setDriverClassName(dialect.driverClassName());
    config.setPoolName("backbeat-" + dialect.folder());
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    switch (dialect) {
      case SQLITE -> configureSqlite(config, jdbcUrl);
      case POSTGRES -> {
        config.setMaximumPoolSize(POSTGRES_POOL_SIZE);
        // during an outage a request answers 503 within this, instead of hanging for Hikari's 30 s
        config.setConnectionTimeout(POSTGRES_CONNECTION_TIMEOUT_MILLIS);
      }
    }
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Migrations.migrate(dataSource, dialect);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    HikariDataSource readDataSource = dialect == SqlDialect.SQLITE ? new HikariDataSource(sqliteReaders(jdbcUrl)) : null;
    LOG.info("Database open ({})", dialect.folder());
    return new Database(dataSource, readDataSource, dialect);
  }

  /**
   * The readers' pool: DEFERRED transactions take no lock until they read, and a WAL reader never
   * waits for the writer; {@code query_only} makes a write through it fail instead of queueing.
   */
  private static HikariConfig sqliteReaders(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setDriverClassName(SqlDialect.SQLITE.driverClassName());
    config.setPoolName("backbeat-sqlite-read");
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
    sqlite.enforceForeignKeys(true);
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
    config.setDataSourceProperties(sqlite.toProperties());
    config.setConnectionInitSql("PRAGMA query_only = 1");
    config.setMaximumPoolSize(SQLITE_READ_POOL_SIZE);
    config.setMinimumIdle(1);
    return config;
  }

  /**
   * WAL lets readers run beside the writer; synchronous=NORMAL is durable across process crashes
   * in WAL mode and several times faster than FULL; foreign keys are off in SQLite by default.
   * IMMEDIATE transactions take the write lock at BEGIN: a deferred transaction that reads and
   * then writes must upgrade its lock, and that upgrade fails with SQLITE_BUSY at once (no busy
   * wait) when another connection wrote meanwhile. Taking the lock first makes every writer wait
   * its turn within the busy timeout instead.
   */
  private static void configureSqlite(HikariConfig config, String jdbcUrl) {
    createParentFolder(jdbcUrl);
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
    sqlite.enforceForeignKeys(true);
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setDataSourceProperties(sqlite.toProperties());
    config.setMaximumPoolSize(SQLITE_POOL_SIZE);
  }

  private static void createParentFolder(String jdbcUrl) {
    String location = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = location.indexOf('?');
    if (query >= 0) {
      location = location.substring(0, query);
    }
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    if (location.isEmpty() || location.contains(":memory:") || jdbcUrl.contains("mode=memory")) {
      // every pooled connection would get its own empty database
      throw new IllegalArgumentException("an in-memory SQLite database cannot be pooled; use a file: " + jdbcUrl);
    }
    Path parent = Path.of(location).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the database folder " + parent, e);
    }
    SqliteNativeLibrary.useCopyIn(parent);
  }

  public Transactor transactor() {
    return transactor;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** For tooling and tests that need plain SQL (reports, fixtures); application code uses {@link #transactor()}. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Calls {@code observer} with the SQL of each statement run from now on, on the writing and the
   * reading pool alike (tests that prove which statements a request runs, diagnostics). It runs on
   * the calling thread before the statement, so it must be quick; one observer at a time.
   */
  public void observeStatements(java.util.function.Consumer<String> observer) {
    requireNonNull(observer, "observer is null");
    org.jdbi.v3.core.statement.SqlLogger logger =
        new org.jdbi.v3.core.statement.SqlLogger() {
          @Override
          public void logBeforeExecution(org.jdbi.v3.core.statement.StatementContext context) {
            observer.accept(context.getRenderedSql());
          }
        };
    jdbi.setSqlLogger(logger);
    readJdbi.setSqlLogger(logger);
  }

  /** The pooled data source, e.g. for a PostgreSQL LISTEN connection. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** True when a connection answers {@code SELECT 1}; false once closed or unreachable. */
  public boolean isReady() {
    if (dataSource.isClosed()) {
      return false;
    }
    try {
      return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      LOG.debug("Database not ready: {}", e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    transactor.close(); // its queued group commits still commit
    if (readDataSource != null) {
      readDataSource.close();
    }
    dataSource.close();
  }
}
