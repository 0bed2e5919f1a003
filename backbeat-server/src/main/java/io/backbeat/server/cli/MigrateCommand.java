package io.backbeat.server.cli;

import io.backbeat.server.config.ConfigLoader;
import io.backbeat.storage.Database;
import io.backbeat.storage.migration.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Applies pending database migrations and exits (serve also migrates on start). */
@Command(name = "migrate", description = "Apply database migrations and exit.")
final class MigrateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    try (Database database = Database.open(ConfigLoader.load().storage().databaseUrl())) {
      // a start skips Flyway on a current schema; this command still checks every applied migration's checksum
      Migrations.validate(database.dataSource(), database.dialect());
      System.out.println("database is up to date");
    }
    return 0;
  }
}
