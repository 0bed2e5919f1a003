package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 20 s under a steady load of creates: while it is down every create answers
 * 503 with Retry-After in its dialect's shape, nothing else (Suno's envelope, DashScope's flat error,
 * Kling's integer code, the native error); once it is back, creates are accepted again on every
 * dialect and every task accepted before, during or after ends exactly once, and no other task exists.
 */
@Tag("e2e")
class DatabaseOutageTest {
  private static final Duration OUTAGE = Duration.ofSeconds(20);

  @Test
  void creates_answer_503_with_retry_after_during_an_outage_and_nothing_accepted_is_lost_or_doubled() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "outage-pg").toAbsolutePath());
    Path data = work.resolve("data-" + ProcessHandle.current().pid());
    int port = freePort();
    EmbeddedPostgres pg = startPostgres(work, data, port);
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE backbeat");
    }
    String url = "jdbc:postgresql://localhost:" + port + "/backbeat?user=postgres";
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    List<String> unexpected = new CopyOnWriteArrayList<>();
    AtomicInteger unavailable = new AtomicInteger();
    AtomicBoolean loading = new AtomicBoolean(true);
    try (TestServer server = TestServer.start(Map.of("BACKBEAT_DB_URL", url, "BACKBEAT_RETRY_BACKOFF", "500ms"))) {
      List<Thread> load = List.of(
          Thread.ofVirtual().start(() -> createLoop(server, loading, accepted, unavailable, unexpected)),
          Thread.ofVirtual().start(() -> createLoop(server, loading, accepted, unavailable, unexpected)));
      awaitAtLeast(accepted, 10);
      int beforeOutage = accepted.size();

      pg.close(); // a real stop of the server process; the data directory stays
      long downUntil = System.nanoTime() + OUTAGE.toNanos();
      // while it is down: the native API answers in its own shape too
      HttpResponse<String> nativeAnswer = server.get("/v1/tasks");
      assertThat(nativeAnswer.statusCode()).isEqualTo(503);
      assertThat(nativeAnswer.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(json(nativeAnswer).path("error").path("code").asText()).isNotBlank();
      assertDashScopeUnavailable(server.post(DASHSCOPE_IMAGE, DASHSCOPE_BODY));
      assertKlingUnavailable(server.post(KLING_IMAGE, KLING_BODY));
      Thread.sleep(Math.max(0, (downUntil - System.nanoTime()) / 1_000_000));
      int duringOutage = accepted.size();
      pg = startPostgres(work, data, port);

      awaitAtLeast(accepted, duringOutage + 10);
      loading.set(false);
      for (Thread t : load) {
        t.join();
      }
      // after recovery the other dialects create again too: a synchronous DashScope image, an async Kling one
      HttpResponse<String> dashscope = server.post(DASHSCOPE_IMAGE, DASHSCOPE_BODY);
      assertThat(dashscope.statusCode()).as(dashscope.body()).isEqualTo(200);
      String imageUrl = json(dashscope).path("output").path("choices").get(0).path("message").path("content").get(0).path("image").asText();
      HttpResponse<byte[]> png = server.client().send(HttpRequest.newBuilder(URI.create(imageUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
      assertThat(image.getWidth()).isEqualTo(512);
      assertThat(image.getHeight()).isEqualTo(512);
      HttpResponse<String> kling = server.post(KLING_IMAGE, KLING_BODY);
      assertThat(kling.statusCode()).as(kling.body()).isEqualTo(200);
      assertThat(json(kling).path("code").asInt()).isZero();
      String klingTask = json(kling).path("data").path("task_id").asText();
      server.pollUntil(KLING_IMAGE + "/" + klingTask, j -> j.path("data").path("task_status").asText().equals("succeed"), Duration.ofSeconds(120));
      var jdbiAfter = server.app().database().jdbi();
      Set<String> others = Set.copyOf(jdbiAfter.withHandle(h -> h.createQuery("SELECT id FROM task WHERE dialect <> 'suno'").mapTo(String.class).list()));
      assertThat(others).as("one DashScope and one Kling task, both created after recovery").hasSize(2).contains(klingTask);

      assertThat(unexpected).as("only 200s and 503s").isEmpty();
      assertThat(unavailable.get()).as("creates during the outage were refused with 503").isPositive();
      assertThat(duringOutage).as("no create accepted while the database was down").isLessThanOrEqualTo(beforeOutage + 2);
      for (String taskId : accepted) {
        server.pollUntil("/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(120));
      }
      var jdbi = server.app().database().jdbi();
      Set<String> stored = Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT id FROM task WHERE dialect = 'suno'").mapTo(String.class).list()));
      assertThat(stored).as("every accepted task exists, and no other").isEqualTo(accepted);
      Map<String, Integer> terminalEvents = jdbi.withHandle(h -> h.createQuery(
              "SELECT e.task_id, COUNT(*) AS n FROM task_event e JOIN task t ON t.id = e.task_id"
                  + " WHERE t.dialect = 'suno' AND e.status IN ('succeeded','failed','canceled') GROUP BY e.task_id")
          .map((rs, ctx) -> Map.entry(rs.getString("task_id"), rs.getInt("n"))).list())
          .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(terminalEvents.keySet()).isEqualTo(accepted);
      assertThat(terminalEvents.values()).as("each task ended exactly once").containsOnly(1);
    } finally {
      loading.set(false);
      pg.close();
    }
  }

  private static final String DASHSCOPE_IMAGE = "/dashscope/v1/services/aigc/multimodal-generation/generation";
  private static final String DASHSCOPE_BODY =
      "{\"model\":\"qwen-image-2.0\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a lamp in the dark\"}]}]},"
          + "\"parameters\":{\"size\":\"512*512\"}}";
  private static final String KLING_IMAGE = "/transtreams/kling/v1/images/generations";
  private static final String KLING_BODY = "{\"model_name\":\"kling-v2-1\",\"prompt\":\"a lamp in the dark\",\"aspect_ratio\":\"1:1\"}";

  /** DashScope's flat error: exactly request_id, code and message, beside the HTTP status. */
  private static void assertDashScopeUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    JsonNode body = json(response);
    List<String> fields = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).as(response.body()).containsExactlyInAnyOrder("request_id", "code", "message");
    assertThat(body.path("code").asText()).isEqualTo("ModelUnavailable");
    assertThat(body.path("message").asText()).contains("database is unreachable");
  }

  /** Kling's error: an integer code (5001: service unavailable), a message, a request_id, no data. */
  private static void assertKlingUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    JsonNode body = json(response);
    assertThat(body.path("code").isInt()).as(response.body()).isTrue();
    assertThat(body.path("code").asInt()).isEqualTo(5001);
    assertThat(body.path("message").asText()).contains("database is unreachable");
    assertThat(body.path("request_id").asText()).isNotBlank();
    assertThat(body.has("data")).isFalse();
  }

  private static void createLoop(TestServer server, AtomicBoolean loading, Set<String> accepted, AtomicInteger unavailable, List<String> unexpected) {
    int i = 0;
    while (loading.get()) {
      String body = "{\"prompt\":\"outage " + (i++) + "\",\"callBackUrl\":\"http://127.0.0.1:9/unused\"}";
      try {
        HttpResponse<String> response = server.post("/suno/generate-lyrics", body);
        JsonNode answer = json(response);
        if (response.statusCode() == 200 && answer.path("code").asInt() == 200) {
          accepted.add(answer.path("data").path("taskId").asText());
        } else if (response.statusCode() == 503 && answer.path("code").asInt() == 455
            && response.headers().firstValue("Retry-After").isPresent() && !answer.path("msg").asText().isBlank()) {
          unavailable.incrementAndGet();
        } else {
          unexpected.add(response.statusCode() + " " + response.body());
        }
        Thread.sleep(200);
      } catch (Exception e) {
        unexpected.add(e.toString());
      }
    }
  }

  private static void awaitAtLeast(Set<String> accepted, int count) throws InterruptedException {
    for (int i = 0; i < 1200 && accepted.size() < count; i++) {
      Thread.sleep(100);
    }
    assertThat(accepted.size()).isGreaterThanOrEqualTo(count);
  }

  private static EmbeddedPostgres startPostgres(Path work, Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setOverrideWorkingDirectory(work.toFile())
        .setDataDirectory(data)
        .setCleanDataDirectory(false) // a restart finds the same data
        .setPort(port)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
