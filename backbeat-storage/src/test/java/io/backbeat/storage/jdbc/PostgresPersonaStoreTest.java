package io.backbeat.storage.jdbc;

import io.backbeat.storage.Database;
import io.backbeat.storage.TestDatabases;
import java.nio.file.Path;

class PostgresPersonaStoreTest extends PersonaStoreContract {
  @Override
  Database openDatabase(Path tempDir) {
    return TestDatabases.postgres();
  }
}
