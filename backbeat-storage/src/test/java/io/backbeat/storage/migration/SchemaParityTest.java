package io.backbeat.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two migration sets must stay in step: same tables, columns, nullability, constraints, indexes. */
class SchemaParityTest {
  private static final Pattern NAMED_CONSTRAINT = Pattern.compile("CONSTRAINT\\s+(\\w+)\\s+(CHECK|UNIQUE)");

  @TempDir Path dir;

  @Test
  void sqlite_and_postgres_schemas_match() throws SQLException {
    Schema sqlite;
    Schema postgres;
    try (Database database = TestDatabases.sqlite(dir);
        Connection c = database.dataSource().getConnection()) {
      sqlite = sqliteSchema(c);
    }
    try (Database database = TestDatabases.postgres();
        Connection c = database.dataSource().getConnection()) {
      postgres = postgresSchema(c);
    }

    assertThat(sqlite.tables()).contains("task", "task_event", "account", "api_key", "webhook_delivery", "webhook_attempt");
    assertThat(postgres.tables()).isEqualTo(sqlite.tables());
    assertThat(postgres.columns()).isEqualTo(sqlite.columns());
    assertThat(postgres.constraints()).isEqualTo(sqlite.constraints());
    assertThat(postgres.indexes()).isEqualTo(sqlite.indexes());
    assertThat(sqlite.constraints()).contains("task.finished_iff_terminal", "task.attempts_not_negative", "task.status_valid");
  }

  record Schema(Set<String> tables, Set<String> columns, Set<String> constraints, Set<String> indexes) {}

  static Schema sqliteSchema(Connection c) throws SQLException {
    Set<String> tables = strings(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'");
    Set<String> columns = new TreeSet<>();
    Set<String> constraints = new TreeSet<>();
    for (String table : tables) {
      for (List<String> row : rows(c, "SELECT name, \"notnull\", pk FROM pragma_table_info(?)", table)) {
        boolean nullable = "0".equals(row.get(1)) && "0".equals(row.get(2));
        columns.add(table + "." + row.get(0) + (nullable ? " null" : " not null"));
      }
      String sql = strings(c, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table).iterator().next();
      Matcher m = NAMED_CONSTRAINT.matcher(sql);
      while (m.find()) {
        constraints.add(table + "." + m.group(1));
      }
    }
    Set<String> indexes = strings(c, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name NOT LIKE 'flyway%'");
    return new Schema(tables, columns, constraints, indexes);
  }

  static Schema postgresSchema(Connection c) throws SQLException {
    Set<String> tables =
        strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'");
    Set<String> columns = new TreeSet<>();
    for (List<String> row :
        rows(c, "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'")) {
      columns.add(row.get(0) + "." + row.get(1) + ("YES".equals(row.get(2)) ? " null" : " not null"));
    }
    Set<String> constraints = new TreeSet<>();
    for (List<String> row :
        rows(c, "SELECT cl.relname, co.conname FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = co.connamespace WHERE n.nspname = 'public' AND co.contype IN ('c', 'u')")) {
      constraints.add(row.get(0) + "." + row.get(1));
    }
    // indexes created with CREATE INDEX; those behind primary keys and unique constraints are not
    Set<String> indexes =
        strings(c, "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace "
            + "WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = x.indexrelid) AND i.relname NOT LIKE 'flyway%'");
    return new Schema(tables, columns, constraints, indexes);
  }

  static Set<String> strings(Connection c, String sql, String... params) throws SQLException {
    Set<String> values = new TreeSet<>();
    for (List<String> row : rows(c, sql, params)) {
      values.add(row.get(0));
    }
    return values;
  }

  static List<List<String>> rows(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        int width = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= width; i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }
}
