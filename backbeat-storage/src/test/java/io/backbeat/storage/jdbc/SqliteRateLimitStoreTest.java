package io.backbeat.storage.jdbc;

import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import java.nio.file.Path;

class SqliteRateLimitStoreTest extends RateLimitStoreContract {
  @Override
  Database openDatabase(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
