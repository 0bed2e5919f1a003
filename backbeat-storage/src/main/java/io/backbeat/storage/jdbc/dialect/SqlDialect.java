package io.backbeat.storage.jdbc.dialect;

import static java.util.Objects.requireNonNull;

/**
 * The databases Backbeat runs on, and the few things that differ between them. Most SQL is shared;
 * a statement that differs has a variant in the dialect's {@link #folder()} next to the shared file.
 */
public enum SqlDialect {
  SQLITE("sqlite", "org.sqlite.JDBC"),
  POSTGRES("postgres", "org.postgresql.Driver");

  private final String folder;
  private final String driverClassName;

  SqlDialect(String folder, String driverClassName) {
    this.folder = folder;
    this.driverClassName = driverClassName;
  }

  /** Sub-folder of SQL variants and migrations: {@code sqlite} or {@code postgres}. */
  public String folder() {
    return folder;
  }

  public String driverClassName() {
    return driverClassName;
  }

  /**
   * Whether the database lets only one transaction write at a time. SQLite does (and Backbeat begins
   * every SQLite transaction IMMEDIATE), so writes commit in the order they were made; PostgreSQL
   * commits concurrent writers in any order, so whatever must appear in sequence order is
   * serialized explicitly.
   */
  public boolean serializesWriters() {
    return this == SQLITE;
  }

  public static SqlDialect fromJdbcUrl(String jdbcUrl) {
    requireNonNull(jdbcUrl, "jdbcUrl is null");
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    throw new IllegalArgumentException(
        "unsupported JDBC URL (expected jdbc:sqlite:<file> or jdbc:postgresql://…): " + redact(jdbcUrl));
  }

  /** A URL may carry a password; an error message never should. */
  private static String redact(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
  }
}
