package io.backbeat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.ServerProcess;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a separate process, {@code kill -9} while tasks and callbacks are in flight, then
 * a restart on the same data folder: every accepted task reaches a terminal state and its callback
 * is delivered. Also: the first start prints a development key and a working curl example, and
 * {@code keys create} works while the server runs.
 */
@Tag("e2e")
class CrashRecoveryTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void tasks_accepted_before_a_kill_9_finish_after_restart_with_callbacks_delivered() throws Exception {
    int port = ServerProcess.freePort();
    Map<String, String> env =
        Map.of(
            "BACKBEAT_PORT", Integer.toString(port),
            "BACKBEAT_HOST", "127.0.0.1",
            "BACKBEAT_DATA", dir.resolve("data").toString(),
            "BACKBEAT_EGRESS_ALLOW_PRIVATE", "true",
            "BACKBEAT_LEASE", "3s",
            "BACKBEAT_WEBHOOK_TIMEOUT", "3s",
            "BACKBEAT_WEBHOOK_RETRY_SCHEDULE", "200ms,500ms,1s,1s,1s,1s");
    String base = "http://127.0.0.1:" + port;
    Files.createDirectories(dir.resolve("home"));

    try (CallbackReceiver receiver = new CallbackReceiver()) {
      // answers take a while, so deliveries are still in flight when the server dies
      receiver.delayAnswers(Duration.ofMillis(1500));
      String key;
      List<String> taskIds = new ArrayList<>();
      try (ServerProcess first = ServerProcess.start(env, dir, "serve")) {
        first.awaitLine("Backbeat is running at", Duration.ofSeconds(60));
        key = first.stdout().stream().map(String::strip).filter(l -> l.startsWith("bb_dev_")).findFirst().orElseThrow();
        assertThat(first.stdout()).anyMatch(l -> l.contains("curl -s http://localhost:" + port + "/suno/generate-lyrics"));

        // keys create works against the same database while the server runs
        try (ServerProcess keys = ServerProcess.start(env, dir, "keys", "create", "--name", "second-app")) {
          assertThat(keys.waitFor(Duration.ofSeconds(60))).as(keys.tail()).isZero();
          List<String> out = keys.stdout();
          String secondKey = out.get(out.size() - 1);
          assertThat(secondKey).startsWith("bb_live_");
          assertThat(get(base + "/v1/account", secondKey).statusCode()).isEqualTo(200);
          String accountId = out.stream().filter(l -> l.startsWith("account: ")).findFirst().orElseThrow().split(" ")[1];

          // --account adds a key to that account
          try (ServerProcess more = ServerProcess.start(env, dir, "keys", "create", "--account", accountId, "--name", "ci")) {
            assertThat(more.waitFor(Duration.ofSeconds(60))).as(more.tail()).isZero();
            String thirdKey = more.stdout().get(more.stdout().size() - 1);
            JsonNode account = TestServer.JSON.readTree(get(base + "/v1/account", thirdKey).body());
            assertThat(account.path("id").asText()).isEqualTo(accountId);
          }
        }

        // metered accounts from the CLI, and top-ups
        try (ServerProcess metered = ServerProcess.start(env, dir, "keys", "create", "--name", "shop", "--credits", "5")) {
          assertThat(metered.waitFor(Duration.ofSeconds(60))).as(metered.tail()).isZero();
          List<String> out = metered.stdout();
          String shopKey = out.get(out.size() - 1);
          String shopAccount = out.stream().filter(l -> l.startsWith("account: ")).findFirst().orElseThrow().split(" ")[1];
          try (ServerProcess topUp = ServerProcess.start(env, dir, "credits", "add", shopAccount, "10")) {
            assertThat(topUp.waitFor(Duration.ofSeconds(60))).as(topUp.tail()).isZero();
            assertThat(topUp.stdout().get(topUp.stdout().size() - 1)).isEqualTo("15");
          }
          JsonNode credits = TestServer.JSON.readTree(get(base + "/v1/account", shopKey).body()).path("credits");
          assertThat(credits.path("metered").asBoolean()).isTrue();
          assertThat(credits.path("balance").asLong()).isEqualTo(15);
        }
        try (ServerProcess bad = ServerProcess.start(env, dir, "credits", "add", "acct_nope", "10")) {
          assertThat(bad.waitFor(Duration.ofSeconds(60))).isNotZero();
        }

        for (int i = 0; i < 20; i++) {
          String body = "{\"prompt\":\"crash test song number " + i + "\",\"callBackUrl\":\"" + receiver.url("/cb") + "\"}";
          JsonNode created = TestServer.JSON.readTree(post(base + "/suno/generate-lyrics", key, body).body());
          assertThat(created.path("code").asInt()).isEqualTo(200);
          taskIds.add(created.path("data").path("taskId").asText());
        }
        first.kill9();
      }
      int acknowledgedBeforeKill = receiver.all().size();
      assertThat(acknowledgedBeforeKill).as("the kill must happen mid-work").isLessThan(20);

      try (ServerProcess second = ServerProcess.start(env, dir, "serve")) {
        second.awaitLine("Backbeat is running at", Duration.ofSeconds(60));
        assertThat(second.stdout()).noneMatch(l -> l.contains("bb_dev_"));
        receiver.delayAnswers(Duration.ZERO);

        for (String taskId : taskIds) {
          JsonNode done = pollStatus(base, key, taskId, Duration.ofSeconds(60));
          assertThat(done.path("data").path("status").asText()).as(taskId).isEqualTo("SUCCESS");
        }
        String secret = TestServer.JSON.readTree(get(base + "/v1/account", key).body()).path("webhookSecret").asText();
        Set<String> calledBack = awaitCallbacks(receiver, taskIds, secret, Duration.ofSeconds(60));
        assertThat(calledBack).containsExactlyInAnyOrderElementsOf(taskIds);
      }
    }
  }

  private static Set<String> awaitCallbacks(CallbackReceiver receiver, List<String> taskIds, String secret, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> seen = new HashSet<>();
    while (System.nanoTime() < deadline) {
      seen.clear();
      for (CallbackReceiver.Received r : receiver.all()) {
        Signatures.verify(secret, r);
        JsonNode data = TestServer.JSON.readTree(r.body()).path("data");
        if (data.path("callbackType").asText().equals("complete")) {
          seen.add(data.path("taskId").asText());
        }
      }
      if (seen.containsAll(taskIds)) {
        return seen;
      }
      Thread.sleep(200);
    }
    return seen;
  }

  private static JsonNode pollStatus(String base, String key, String taskId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = TestServer.JSON.readTree(get(base + "/suno/query/lyrics?taskId=" + taskId, key).body());
      String status = last.path("data").path("status").asText();
      if (last.path("code").asInt() == 200 && !status.equals("PENDING")) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("task " + taskId + " still pending: " + last);
  }

  private static HttpResponse<String> post(String url, String key, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url, String key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
