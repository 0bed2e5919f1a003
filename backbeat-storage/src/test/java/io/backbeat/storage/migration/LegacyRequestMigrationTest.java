package io.backbeat.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.core.task.spec.PurgedSpec;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.VocalGender;
import io.backbeat.storage.Database;
import io.backbeat.storage.PostgresServer;
import io.backbeat.storage.TestDatabases;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows written by a release before typed specs (schema V1, untyped request JSON) are rewritten by V2
 * into version-1 specs and read back unchanged in meaning, on both databases.
 */
class LegacyRequestMigrationTest {
  private static final String CB = "https://example.com/cb";

  @TempDir Path dir;

  @Test
  void sqlite_rewrites_legacy_requests_into_typed_specs() throws Exception {
    String url = TestDatabases.sqliteUrl(dir);
    java.nio.file.Files.createDirectories(dir.resolve("data"));
    check(url, SqlDialect.SQLITE);
  }

  @Test
  void postgres_rewrites_legacy_requests_into_typed_specs() throws SQLException {
    check(PostgresServer.newDatabaseUrl(), SqlDialect.POSTGRES);
  }

  private void check(String url, SqlDialect dialect) throws SQLException {
    Flyway.configure(getClass().getClassLoader())
        .dataSource(url, null, null)
        .locations("classpath:db/migration/" + dialect.folder())
        .target("1")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url)) {
      exec(c, "INSERT INTO account (id, name, webhook_secret, created_at) VALUES ('acct_1', 'one', 'secret', 0)");
      insert(c, "t_simple", "SONG", "queued",
          "{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\",\"maxLengthSeconds\":480,\"prompt\":\"rain in Lisbon\"}");
      insert(c, "t_custom", "SONG", "succeeded",
          "{\"customMode\":true,\"instrumental\":false,\"model\":\"V4\",\"maxLengthSeconds\":240,\"style\":\"synthwave\","
              + "\"title\":\"Night Drive\",\"prompt\":\"[Verse] la\",\"negativeTags\":\"metal\",\"vocalGender\":\"f\","
              + "\"styleWeight\":0.5,\"weirdnessConstraint\":0.25,\"audioWeight\":0.75,\"personaId\":\"p1\"}");
      insert(c, "t_instr", "SONG", "succeeded",
          "{\"customMode\":true,\"instrumental\":true,\"model\":\"V4_5\",\"maxLengthSeconds\":480,\"style\":\"ambient\",\"title\":\"Pads\",\"prompt\":\"ignored\"}");
      insert(c, "t_lyrics", "LYRICS", "succeeded", "{\"prompt\":\"a song about tests\"}");
      insert(c, "t_purged", "SONG", "succeeded", "{}");
    }

    try (Database database = Database.open(url)) {
      assertThat(read(database, "t_simple").spec())
          .isEqualTo(new SongSpec("V5", new Composition("rain in Lisbon", null, null, null, false, Shaping.NONE), 480, CB));
      assertThat(read(database, "t_custom").spec())
          .isEqualTo(new SongSpec("V4",
              new Composition(null, "[Verse] la", "Night Drive", "synthwave", false,
                  new Shaping("metal", VocalGender.FEMALE, 0.5, 0.25, 0.75, "p1")), 240, CB));
      assertThat(read(database, "t_instr").spec())
          .isEqualTo(new SongSpec("V4_5", new Composition(null, null, "Pads", "ambient", true, Shaping.NONE), 480, CB));
      assertThat(read(database, "t_lyrics").spec()).isEqualTo(new LyricsSpec("a song about tests", CB));
      assertThat(read(database, "t_purged").spec()).isEqualTo(new PurgedSpec(TaskKind.SONG));
      Task task = read(database, "t_simple");
      assertThat(task.handle().submitState()).isEqualTo(SubmitState.NONE);
      assertThat(task.leaseOwner()).isNull();
    }
  }

  private static Task read(Database database, String id) {
    return database.transactor().inTransaction(tx -> tx.tasks().find(id)).orElseThrow();
  }

  private static void insert(Connection c, String id, String kind, String status, String request) throws SQLException {
    boolean done = !status.equals("queued");
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO task (id, status, stage, account_id, kind, dialect, route, provider, request, callback_url, "
                + "attempts, next_run_at, created_at, updated_at, finished_at) "
                + "VALUES (?, ?, 'none', 'acct_1', ?, 'suno', 'suno.music', 'local', ?, ?, 0, 0, 0, 0, ?)")) {
      s.setString(1, id);
      s.setString(2, status);
      s.setString(3, kind);
      s.setString(4, request);
      s.setString(5, CB);
      if (done) {
        s.setLong(6, 1);
      } else {
        s.setNull(6, java.sql.Types.BIGINT);
      }
      s.executeUpdate();
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
