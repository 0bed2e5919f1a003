package io.backbeat.storage;

import java.nio.file.Path;

/** Fresh databases for tests: a SQLite file in a temporary folder, or a new PostgreSQL database. */
public final class TestDatabases {
  private TestDatabases() {}

  /** The URL of a SQLite file in a not yet existing sub-folder of {@code dir}. */
  public static String sqliteUrl(Path dir) {
    return "jdbc:sqlite:" + dir.resolve("data").resolve("backbeat.db");
  }

  public static Database sqlite(Path dir) {
    return Database.open(sqliteUrl(dir));
  }

  public static Database postgres() {
    return Database.open(PostgresServer.newDatabaseUrl());
  }
}
