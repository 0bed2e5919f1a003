package io.backbeat.bench.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The create figures on PostgreSQL: the same server jar and the same lyrics create as the SQLite
 * runs, against an embedded PostgreSQL (zonky's binaries, as the tests use) started on loopback on
 * this machine, so the server, the database and the load generator share its cores. Runs after the
 * SQLite server has stopped.
 */
final class PostgresCreates {
  private PostgresCreates() {}

  /** One and 32 connections, each after a warm-up run. */
  record Result(LoadGenerator.Result one, LoadGenerator.Result many) {}

  static Result run(String java, Path serverJar, List<String> serverFlags, Map<String, String> sqliteEnv, Path dir, String callbackUrl,
      ServerBenchmark.Sizes sizes) throws Exception {
    Path work = Files.createDirectories(dir.resolve("postgres"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setOverrideWorkingDirectory(work.toFile())
        .setDataDirectory(work.resolve("data"))
        .setCleanDataDirectory(true)
        .start()) {
      Map<String, String> env = new LinkedHashMap<>(sqliteEnv);
      env.put("BACKBEAT_DATA", work.resolve("backbeat").toString());
      env.put("BACKBEAT_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
      int port = ChildProcess.freePort();
      env.put("BACKBEAT_PORT", Integer.toString(port));
      String key = ServerBenchmark.createKey(java, serverJar, env, work);
      List<String> serve = new ArrayList<>(List.of(java));
      serve.addAll(serverFlags);
      serve.addAll(List.of("-jar", serverJar.toString(), "serve"));
      ServerBenchmark.step("PostgreSQL: starting the server against embedded PostgreSQL on port " + postgres.getPort());
      try (ChildProcess server = ChildProcess.start(serve, env, work.resolve("server.log"))) {
        server.awaitReady(port, Duration.ofSeconds(120));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        String body = "{\"prompt\":\"a song about speed\",\"callBackUrl\":\"" + callbackUrl + "\"}";
        byte[] create = LoadGenerator.request("POST", "/suno/generate-lyrics", body, new String[] {"Authorization", "Bearer " + key});
        return new Result(measure("Backbeat create on PostgreSQL, 1 conn", target, create, 1, sizes),
            measure("Backbeat create on PostgreSQL, 32 conns", target, create, 32, sizes));
      }
    }
  }

  private static LoadGenerator.Result measure(String name, InetSocketAddress target, byte[] request, int connections,
      ServerBenchmark.Sizes sizes) throws InterruptedException {
    ServerBenchmark.step(name);
    LoadGenerator.run(name + " (warm-up)", target, request, connections, Math.max(1, sizes.maxCreates() / 2), sizes.warmUp());
    LoadGenerator.Result result = LoadGenerator.run(name, target, request, connections, sizes.maxCreates(), sizes.run());
    System.out.printf(Locale.ROOT, "  %,.0f req/s, p50 %.3f ms, p99 %.3f ms, %d requests, %d not 2xx%n",
        result.perSecond(), result.percentileMillis(50), result.percentileMillis(99), result.requests(), result.failures());
    return result;
  }
}
