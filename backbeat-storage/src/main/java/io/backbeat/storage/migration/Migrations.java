package io.backbeat.storage.migration;

import static java.util.Objects.requireNonNull;

import io.backbeat.storage.jdbc.dialect.SqlDialect;
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

  private Migrations() {}

  /** Applies pending migrations; returns how many ran (0 when the schema was current). */
  public static int migrate(DataSource dataSource, SqlDialect dialect) {
    requireNonNull(dataSource, "dataSource is null");
    requireNonNull(dialect, "dialect is null");
    MigrateResult result =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration/" + dialect.folder())
            .failOnMissingLocations(true)
            .load()
            .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Database migrated to version {} ({} migrations)", result.targetSchemaVersion, result.migrationsExecuted);
    }
    return result.migrationsExecuted;
  }
}
