package io.backbeat.storage.migration;

import static java.util.Objects.requireNonNull;

import io.backbeat.storage.jdbc.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the current schema with Flyway. Each dialect has its own migrations
 * ({@code db/migration/sqlite}, {@code db/migration/postgres}); they are written in step: the same
 * versions, tables, columns, constraint and index names.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /**
   * The migration versions bundled for both dialects (there is no V5); {@code MigrationsTest} fails
   * when a migration file is added or removed without this list following.
   */
  static final Set<Integer> VERSIONS = Set.of(1, 2, 3, 4, 6, 7, 8, 9, 10);

  private Migrations() {}

  /**
   * Applies pending migrations; returns how many ran (0 when the schema was current). A database
   * whose history already records every bundled version as successful is left alone without
   * starting Flyway: its classpath scan, checksum validation and queries were the largest part of
   * a start on a current schema. Anything else (no history, a gap, a failed or newer row, an error
   * reading the history) goes through Flyway, which migrates or reports it.
   */
  public static int migrate(DataSource dataSource, SqlDialect dialect) {
    requireNonNull(dataSource, "dataSource is null");
    requireNonNull(dialect, "dialect is null");
    if (isCurrent(dataSource)) {
      return 0;
    }
    MigrateResult result = flyway(dataSource, dialect).migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Database migrated to version {} ({} migrations)", result.targetSchemaVersion, result.migrationsExecuted);
    }
    return result.migrationsExecuted;
  }

  /**
   * Flyway's full check of the applied migrations against the bundled ones (checksums included),
   * which the start-up shortcut leaves out; {@code ./backbeat migrate} runs it. Throws when they differ.
   */
  public static void validate(DataSource dataSource, SqlDialect dialect) {
    flyway(requireNonNull(dataSource, "dataSource is null"), requireNonNull(dialect, "dialect is null")).validate();
  }

  private static Flyway flyway(DataSource dataSource, SqlDialect dialect) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration/" + dialect.folder())
        .failOnMissingLocations(true)
        .load();
  }

  /** True when Flyway's history holds exactly the bundled {@link #VERSIONS}, each once and successful, and nothing failed. */
  static boolean isCurrent(DataSource dataSource) {
    Set<Integer> versions = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      while (rows.next()) {
        String version = rows.getString(1);
        if (!rows.getBoolean(2)) {
          return false;
        }
        if (version != null && !versions.add(Integer.parseInt(version))) {
          return false; // Flyway's schema-creation row has no version; a repeated one is not ours
        }
      }
    } catch (SQLException | NumberFormatException e) {
      return false; // no history table yet, or one this check does not understand: Flyway decides
    }
    return versions.equals(VERSIONS);
  }
}
