package io.backbeat.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The start-up shortcut: Flyway is skipped only when its history already holds every bundled version. */
class MigrationsTest {
  private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

  private static final int LATEST = java.util.Collections.max(Migrations.VERSIONS);
  /** The bundled version before the latest (versions have gaps: there is no V5). */
  private static final int PREVIOUS = new java.util.TreeSet<>(Migrations.VERSIONS).lower(LATEST);

  @TempDir Path dir;

  @Test
  void the_known_versions_are_exactly_the_bundled_migrations_of_each_dialect() throws Exception {
    for (SqlDialect dialect : SqlDialect.values()) {
      assertThat(bundledVersions(dialect)).as(dialect.folder()).containsExactlyElementsOf(new java.util.TreeSet<>(Migrations.VERSIONS));
    }
  }

  @Test
  void an_empty_database_is_not_current_and_is_migrated_to_the_latest_version() {
    SQLiteDataSource source = sqlite("empty.db");

    assertThat(Migrations.isCurrent(source)).isFalse();
    assertThat(Migrations.migrate(source, SqlDialect.SQLITE)).isEqualTo(Migrations.VERSIONS.size());
    assertThat(Migrations.isCurrent(source)).isTrue();
    assertThat(Migrations.migrate(source, SqlDialect.SQLITE)).isZero();
  }

  @Test
  void a_database_one_version_behind_is_not_current_and_gets_the_missing_migration() {
    SQLiteDataSource source = sqlite("behind.db");
    Flyway.configure().dataSource(source).locations("classpath:db/migration/sqlite")
        .target(Integer.toString(PREVIOUS)).load().migrate();

    assertThat(Migrations.isCurrent(source)).isFalse();
    assertThat(Migrations.migrate(source, SqlDialect.SQLITE)).isEqualTo(1);
    assertThat(Migrations.isCurrent(source)).isTrue();
  }

  @Test
  void a_failed_or_unknown_row_in_the_history_sends_the_start_through_flyway() throws SQLException {
    SQLiteDataSource source = sqlite("odd.db");
    Migrations.migrate(source, SqlDialect.SQLITE);

    execute(source, "UPDATE flyway_schema_history SET success = 0 WHERE version = '3'");
    assertThat(Migrations.isCurrent(source)).isFalse();

    execute(source, "UPDATE flyway_schema_history SET success = 1 WHERE version = '3'");
    assertThat(Migrations.isCurrent(source)).isTrue();
    execute(source, "UPDATE flyway_schema_history SET version = '" + (LATEST + 1) + "' WHERE version = '3'");
    assertThat(Migrations.isCurrent(source)).isFalse();
  }

  @Test
  void validation_still_finds_an_edited_migration_that_the_start_shortcut_does_not_look_at() throws SQLException {
    SQLiteDataSource source = sqlite("edited.db");
    Migrations.migrate(source, SqlDialect.SQLITE);
    Migrations.validate(source, SqlDialect.SQLITE);

    execute(source, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

    assertThat(Migrations.isCurrent(source)).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Migrations.validate(source, SqlDialect.SQLITE))
        .hasMessageContaining("checksum");
  }

  @Test
  void a_current_postgres_database_is_recognised() {
    try (Database database = TestDatabases.postgres()) {
      assertThat(Migrations.isCurrent(database.dataSource())).isTrue();
      assertThat(Migrations.migrate(database.dataSource(), SqlDialect.POSTGRES)).isZero();
    }
  }

  private SQLiteDataSource sqlite(String name) {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + dir.resolve(name));
    return source;
  }

  private static void execute(SQLiteDataSource source, String sql) throws SQLException {
    try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static List<Integer> bundledVersions(SqlDialect dialect) throws URISyntaxException, java.io.IOException {
    Path folder = Path.of(Migrations.class.getClassLoader().getResource("db/migration/" + dialect.folder()).toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> VERSION.matcher(f.getFileName().toString())).filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
    }
  }
}
