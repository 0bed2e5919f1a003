package io.backbeat.storage.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.backbeat.storage.jdbc.dialect.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * SQL statements kept as classpath resources, one statement per file, named after the store method:
 * {@code io/backbeat/storage/jdbc/JdbiTaskStore/claimDue.sql}. A dialect variant
 * ({@code …/JdbiTaskStore/postgres/claimDue.sql}) wins over the shared file; variants exist only
 * where the databases differ. Like JDBI's {@code ClasspathSqlLocator}, plus that fallback.
 */
public final class SqlFiles {
  private final SqlDialect dialect;
  private final ConcurrentMap<String, String> cache = new ConcurrentHashMap<>();

  public SqlFiles(SqlDialect dialect) {
    this.dialect = requireNonNull(dialect, "dialect is null");
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** The statement {@code name} of {@code store}; throws if neither variant nor shared file exists. */
  public String get(Class<?> store, String name) {
    requireNonNull(store, "store is null");
    requireNonNull(name, "name is null");
    return cache.computeIfAbsent(store.getName() + "#" + name, key -> load(store, name));
  }

  private String load(Class<?> store, String name) {
    String folder = store.getName().replace('.', '/');
    String variant = folder + "/" + dialect.folder() + "/" + name + ".sql";
    String shared = folder + "/" + name + ".sql";
    for (String path : List.of(variant, shared)) {
      try (InputStream in = store.getClassLoader().getResourceAsStream(path)) {
        if (in != null) {
          return new String(in.readAllBytes(), UTF_8).strip();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read SQL resource " + path, e);
      }
    }
    throw new IllegalStateException("no SQL resource " + shared + " (nor " + variant + ")");
  }
}
