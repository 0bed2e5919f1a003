package io.backbeat.server.http;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.account.AccountService;
import io.backbeat.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Polls answered ahead of Javalin ({@link RememberedPolls}), over real HTTP: the same bytes as the
 * route's own answer, and every poll it must not answer passed on to the route unchanged. The
 * {@code backbeat_http_remembered_polls_total} metric tells which of the two answered.
 */
class RememberedPollsTest {
  private static final String LYRICS = "{\"prompt\":\"%s\",\"callBackUrl\":\"https://example.com/cb\"}";
  private static final Pattern COUNTER = Pattern.compile("(?m)^backbeat_http_remembered_polls_total(?:\\{[^}]*})? ([0-9.eE+]+)$");
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start(Map.of("BACKBEAT_RATE_POLL", "3/0.01"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_remembered_poll_is_answered_ahead_of_javalin_with_the_same_bytes() throws Exception {
    String key = server.app().accounts().addKey(server.accountId, "same-bytes").plaintext();
    String taskId = finishedAndRemembered("same bytes");

    long before = answered();
    // a percent-encoded query is left to Javalin, which answers the same remembered task itself
    String fromRoute = rawGet("/suno/query/lyrics?taskId=" + taskId + "&x=%41", key);
    assertThat(answered()).isEqualTo(before);
    String fromFastPath = rawGet("/suno/query/lyrics?taskId=" + taskId, key);
    assertThat(answered()).isEqualTo(before + 1);

    assertThat(fromFastPath).startsWith("HTTP/1.1 200 OK\r\n").contains("\"status\":\"SUCCESS\"").isEqualTo(fromRoute);
    // the sunoapi.org alias is the same route
    String alias = rawGet("/api/v1/lyrics/record-info?taskId=" + taskId, key);
    assertThat(answered()).isEqualTo(before + 2);
    assertThat(alias).isEqualTo(fromRoute);
  }

  @Test
  void the_first_poll_of_a_finished_task_unfinished_unknown_and_foreign_tasks_go_to_the_route() throws Exception {
    String taskId = created("first poll");
    waitUntilFinished(taskId);
    long before = answered();

    // finished but never polled since: rendered by the route, which remembers it
    assertThat(json(server.get("/suno/query/lyrics?taskId=" + taskId)).path("data").path("status").asText()).isEqualTo("SUCCESS");
    assertThat(answered()).isEqualTo(before);

    HttpResponse<String> unknown = server.get("/suno/query/lyrics?taskId=" + "0".repeat(32));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("msg").asText()).contains("no task with taskId");

    HttpResponse<String> foreign = server.get("/suno/query/lyrics?taskId=" + taskId, server.newAccountKey("stranger"));
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.body()).doesNotContain("SUCCESS");

    HttpResponse<String> otherRoute = server.get("/suno/query/task?taskId=" + taskId);
    assertThat(otherRoute.statusCode()).isEqualTo(404);
    assertThat(json(otherRoute).path("msg").asText()).contains("is not polled at /suno/query/task");

    HttpResponse<String> wrongKey = server.get("/suno/query/lyrics?taskId=" + taskId, "bb_live_" + "A".repeat(40));
    assertThat(wrongKey.statusCode()).isEqualTo(401);
    assertThat(json(wrongKey).path("msg").asText()).contains("invalid API key");

    HttpResponse<String> noKey = server.get("/suno/query/lyrics?taskId=" + taskId, null);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(answered()).isEqualTo(before);
  }

  @Test
  void a_revoked_key_is_refused_although_its_poll_was_remembered() throws Exception {
    AccountService.CreatedKey revoked = server.app().accounts().addKey(server.accountId, "to-revoke");
    String taskId = finishedAndRemembered("revoked");
    assertThat(server.get("/suno/query/lyrics?taskId=" + taskId, revoked.plaintext()).statusCode()).isEqualTo(200);

    int rows = server.app().database().jdbi().withHandle(h -> h.createUpdate("UPDATE api_key SET revoked_at = :at WHERE id = :id")
        .bind("at", System.currentTimeMillis())
        .bind("id", revoked.key().id())
        .execute());
    assertThat(rows).isEqualTo(1);
    server.app().accounts().forgetKey(revoked.key().id()); // as a revoke by this process does

    long before = answered();
    HttpResponse<String> refused = server.get("/suno/query/lyrics?taskId=" + taskId, revoked.plaintext());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(json(refused).path("msg").asText()).contains("invalid API key");
    assertThat(answered()).isEqualTo(before);
  }

  @Test
  void the_poll_rate_limit_counts_remembered_polls_and_its_refusal_keeps_the_suno_shape() throws Exception {
    String key = server.app().accounts().addKey(server.accountId, "limited").plaintext();
    String taskId = finishedAndRemembered("limited");
    long before = answered();

    for (int i = 0; i < 3; i++) {
      assertThat(server.get("/suno/query/lyrics?taskId=" + taskId, key).statusCode()).isEqualTo(200);
    }
    assertThat(answered()).isEqualTo(before + 3);
    HttpResponse<String> limited = server.get("/suno/query/lyrics?taskId=" + taskId, key);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json(limited).path("code").asInt()).isEqualTo(405);
    assertThat(json(limited).path("msg").asText()).contains("frequency limit exceeded");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(answered()).isEqualTo(before + 3);
  }

  @Test
  void other_methods_and_paths_are_not_answered_ahead() throws Exception {
    String key = server.app().accounts().addKey(server.accountId, "methods").plaintext();
    String taskId = finishedAndRemembered("methods");
    long before = answered();

    HttpResponse<String> post = server.post("/suno/query/lyrics?taskId=" + taskId, "{}", key);
    assertThat(post.statusCode()).isEqualTo(405);
    server.get("/suno/query/lyrics/?taskId=" + taskId, key); // not the exact path: whatever Javalin answers
    assertThat(answered()).isEqualTo(before);
  }

  /** A finished lyrics task whose answer the query route has remembered (polled by the main key). */
  private static String finishedAndRemembered(String prompt) throws InterruptedException {
    String taskId = created(prompt);
    waitUntilFinished(taskId);
    assertThat(json(server.get("/suno/query/lyrics?taskId=" + taskId)).path("data").path("status").asText()).isEqualTo("SUCCESS");
    return taskId;
  }

  private static String created(String prompt) {
    return json(server.post("/suno/generate-lyrics", LYRICS.formatted(prompt))).path("data").path("taskId").asText();
  }

  /** Waits through the task service, not a poll: polls would spend the main key's poll budget. */
  private static void waitUntilFinished(String taskId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!server.app().tasks().find(server.accountId, taskId).orElseThrow().status().isTerminal()) {
      assertThat(System.nanoTime()).as("task %s finished within 30 s", taskId).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static long answered() {
    Matcher m = COUNTER.matcher(server.get("/metrics", null).body());
    assertThat(m.find()).as("remembered polls metric").isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  /** The whole answer as sent, status line and headers included, without its {@code Date} header. */
  private static String rawGet(String pathAndQuery, String key) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.app().port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return answer.replaceAll("(?im)^Date: [^\r\n]*\r\n", "");
    }
  }
}
