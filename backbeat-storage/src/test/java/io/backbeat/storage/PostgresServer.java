package io.backbeat.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test run (embedded binaries from Maven Central), and a
 * fresh database per test.
 */
public final class PostgresServer {
  /**
   * Deliberately not UTC: pgjdbc sends the JVM's zone as the session TimeZone, so every PostgreSQL
   * session of the tests runs in this zone and any time stored through a zone-sensitive path drifts.
   */
  public static final String SESSION_TIME_ZONE = "America/Los_Angeles";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private PostgresServer() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      TimeZone.setDefault(TimeZone.getTimeZone(SESSION_TIME_ZONE));
      Path work = Path.of("target", "embedded-pg").toAbsolutePath();
      try {
        server =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.toFile())
                .setDataDirectory(work.resolve("data-" + ProcessHandle.current().pid()))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(true) // stops the server when the test JVM exits
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** The URL of a new, empty database (user in the URL, as zonky hands it out). */
  public static String newDatabaseUrl() {
    return server().getJdbcUrl("postgres", newDatabase());
  }

  /** The URL of a new, empty database without credentials in it. */
  public static String newDatabaseUrlWithoutUser() {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + newDatabase();
  }

  private static String newDatabase() {
    String name = "backbeat_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return name;
  }
}
