package io.backbeat.bench.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The create anchor: single-row inserts, each its own transaction, through the server's SQLite driver
 * with the server's settings (WAL, synchronous=NORMAL), one thread, a task-sized row.
 */
final class SqliteInserts {
  private SqliteInserts() {}

  static LoadGenerator.Result run(Path dir, long maxRows, Duration maxTime) throws Exception {
    Files.createDirectories(dir);
    String url = "jdbc:sqlite:" + dir.resolve("anchor.db");
    String payload = "{\"prompt\":\"a song about speed\",\"callBackUrl\":\"http://127.0.0.1:9/callback\"}";
    Histogram micros = new Histogram(60_000_000L, 3);
    try (Connection connection = DriverManager.getConnection(url)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=NORMAL");
        statement.execute("CREATE TABLE IF NOT EXISTS task (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, status TEXT NOT NULL,"
            + " spec TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL)");
      }
      long deadline = System.nanoTime() + maxTime.toNanos();
      long start = System.nanoTime();
      long rows = 0;
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO task VALUES (?, ?, ?, ?, ?, ?)")) {
        while (rows < maxRows && System.nanoTime() < deadline) {
          long began = System.nanoTime();
          insert.setString(1, java.util.UUID.randomUUID().toString());
          insert.setString(2, "acct_anchor");
          insert.setString(3, "queued");
          insert.setString(4, payload);
          insert.setString(5, payload);
          insert.setLong(6, System.currentTimeMillis());
          insert.executeUpdate();
          micros.recordValue(Math.min(micros.getHighestTrackableValue(), (System.nanoTime() - began) / 1000));
          rows++;
        }
      }
      return new LoadGenerator.Result("sqlite inserts", 1, rows, 0, System.nanoTime() - start, micros);
    } catch (SQLException e) {
      throw new IllegalStateException("the SQLite anchor failed: " + e.getMessage(), e);
    }
  }
}
