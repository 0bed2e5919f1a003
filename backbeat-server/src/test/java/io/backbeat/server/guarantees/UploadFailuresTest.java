package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.FixtureServer;
import io.backbeat.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads that cannot be used fail their task with the documented code — 413 too long or too large,
 * 400 not audio, 451 download failed (unreachable, an error status, a redirect to a private
 * address) — with an {@code error} callback carrying it, and nothing is charged: the ledger shows
 * the hold and its refund, and the balance is unchanged. Served from a loopback fixture server.
 */
class UploadFailuresTest {
  private static final int PRICE = 5;
  private static final long CREDITS = 100;

  @TempDir static Path dir;
  static FixtureServer files;
  static CallbackReceiver callbacks;
  static TestServer server;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    files = new FixtureServer();
    callbacks = new CallbackReceiver();
    server = TestServer.start(Map.of("BACKBEAT_PRICES", "UPLOAD_COVER=" + PRICE + ",UPLOAD_EXTEND=" + PRICE + ",ADD_VOCALS=" + PRICE + ",ADD_INSTRUMENTAL=" + PRICE));
    key = server.newMeteredAccountKey("uploader", CREDITS);
  }

  @AfterAll
  static void stop() {
    server.close();
    callbacks.close();
    files.close();
  }

  private static String cover(TestServer target, String apiKey, String uploadUrl, String model) {
    String body =
        "{\"uploadUrl\":\"%s\",\"customMode\":false,\"instrumental\":true,\"model\":\"%s\",\"prompt\":\"a jazz trio\",\"callBackUrl\":\"%s\"}"
            .formatted(uploadUrl, model, callbacks.url("/cb"));
    var created = target.post("/suno/upload-cover", body, apiKey);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return json(created).path("data").path("taskId").asText();
  }

  /** Polls the task to its end and checks status, code, message, the error callback and the ledger. */
  private static void assertFailedAndRefunded(TestServer target, String apiKey, String taskId, int errorCode, String messagePart, long balance)
      throws Exception {
    JsonNode data =
        target.pollUntil(
                "/api/v1/generate/record-info?taskId=" + taskId,
                j -> !List.of("PENDING", "TEXT_SUCCESS", "FIRST_SUCCESS").contains(j.path("data").path("status").asText()),
                Duration.ofSeconds(60),
                apiKey)
            .path("data");
    assertThat(data.path("status").asText()).isEqualTo("GENERATE_AUDIO_FAILED");
    assertThat(data.path("errorCode").asInt()).as(data.toString()).isEqualTo(errorCode);
    assertThat(data.path("errorMessage").asText()).contains(messagePart);
    assertThat(data.path("response").path("sunoData")).isEmpty();
    assertThat(data.path("operationType").asText()).isEqualTo("upload_cover");

    List<String> kinds = new ArrayList<>();
    long held = 0;
    long refunded = 0;
    for (JsonNode entry : json(target.get("/v1/account/ledger", apiKey)).path("data")) {
      if (entry.path("taskId").asText().equals(taskId)) {
        kinds.add(entry.path("kind").asText());
        if (entry.path("kind").asText().equals("hold")) {
          held = entry.path("amount").asLong();
        } else if (entry.path("kind").asText().equals("refund")) {
          refunded = entry.path("amount").asLong();
        }
      }
    }
    assertThat(kinds).containsExactlyInAnyOrder("hold", "refund");
    assertThat(Math.abs(held)).isEqualTo(PRICE);
    assertThat(Math.abs(refunded)).isEqualTo(PRICE);
    assertThat(json(target.get("/v1/account", apiKey)).path("credits").path("balance").asLong()).isEqualTo(balance);

    CallbackReceiver.Received error = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (error == null && System.nanoTime() < deadline) {
      for (CallbackReceiver.Received received : callbacks.all()) {
        JsonNode payload = TestServer.JSON.readTree(received.body());
        if (payload.path("data").path("task_id").asText().equals(taskId) && payload.path("data").path("callbackType").asText().equals("error")) {
          error = received;
        }
      }
      Thread.sleep(100);
    }
    assertThat(error).as("an error callback for " + taskId).isNotNull();
    assertThat(TestServer.JSON.readTree(error.body()).path("code").asInt()).isEqualTo(errorCode);
  }

  @Test
  void a_recording_longer_than_the_models_limit_fails_with_413_and_is_refunded() throws Exception {
    Path seventySeconds = MediaFixtures.generate(dir.resolve("long.wav"), "0.1*sin(2*PI*440*t)", 70);
    files.file("/long.wav", seventySeconds, "audio/wav");

    String taskId = cover(server, key, files.url("/long.wav"), "V4_5ALL");

    assertFailedAndRefunded(server, key, taskId, 413, "too long", CREDITS);
  }

  @Test
  void a_body_larger_than_the_limit_fails_with_413_whether_declared_or_streamed() throws Exception {
    files.declaresLength("/declared.mp3", 500_000_000L, "audio/mpeg");
    files.streams("/endless.mp3", 60_000_000L, "audio/mpeg");

    String declared = cover(server, key, files.url("/declared.mp3"), "V5");
    assertFailedAndRefunded(server, key, declared, 413, "too large", CREDITS);
    // V4_5ALL allows 19 MB; this one declares no length and keeps going
    String streamed = cover(server, key, files.url("/endless.mp3"), "V4_5ALL");
    assertFailedAndRefunded(server, key, streamed, 413, "too large", CREDITS);
  }

  @Test
  void something_that_is_not_audio_fails_with_400_and_is_refunded() throws Exception {
    files.bytes("/page.html", "<html><body>Not found, sorry</body></html>".getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    byte[] noise = new byte[200_000];
    new java.util.Random(3).nextBytes(noise);
    files.bytes("/noise.bin", noise, "application/octet-stream");
    // a concat script naming a file beside the download: FFmpeg must not follow it
    files.bytes("/playlist.mp3", "ffconcat version 1.0\nfile source.wav\n".getBytes(StandardCharsets.UTF_8), "audio/mpeg");

    assertFailedAndRefunded(server, key, cover(server, key, files.url("/page.html"), "V5"), 400, "not audio", CREDITS);
    assertFailedAndRefunded(server, key, cover(server, key, files.url("/noise.bin"), "V5"), 400, "not usable audio", CREDITS);
    assertFailedAndRefunded(server, key, cover(server, key, files.url("/playlist.mp3"), "V5"), 400, "not usable audio", CREDITS);
  }

  @Test
  void an_unreachable_or_failing_source_fails_with_451_download_failed_and_is_refunded() throws Exception {
    String closed = "http://127.0.0.1:" + FixtureServer.closedPort() + "/song.mp3";
    assertFailedAndRefunded(server, key, cover(server, key, closed, "V5"), 451, "could not be downloaded", CREDITS);
    assertFailedAndRefunded(server, key, cover(server, key, files.url("/missing.mp3"), "V5"), 451, "HTTP 404", CREDITS);
  }

  @Test
  void a_redirect_to_a_private_address_is_refused_by_the_guard_with_451_and_is_refunded() throws Exception {
    // private addresses are off; only the fixture server's own address is exempt
    try (TestServer strict =
        TestServer.start(
            Map.of(
                "BACKBEAT_EGRESS_ALLOW_PRIVATE", "false",
                "BACKBEAT_EGRESS_ALLOW_ADDRESSES", "127.0.0.1",
                "BACKBEAT_PRICES", "UPLOAD_COVER=" + PRICE))) {
      String strictKey = strict.newMeteredAccountKey("strict", 20);
      files.redirect("/moved.mp3", "http://10.255.255.1/internal.mp3");
      files.redirect("/metadata.mp3", "http://169.254.169.254/latest/meta-data/");

      String toPrivate = cover(strict, strictKey, files.url("/moved.mp3"), "V5");
      assertFailedAndRefunded(strict, strictKey, toPrivate, 451, "private address", 20);
      String toMetadata = cover(strict, strictKey, files.url("/metadata.mp3"), "V5");
      assertFailedAndRefunded(strict, strictKey, toMetadata, 451, "link-local address", 20);
      // the exempt fixture server was asked; the private targets never were (the guard refused them)
      assertThat(files.hits("/moved.mp3")).isEqualTo(1);
      assertThat(files.hits("/metadata.mp3")).isEqualTo(1);
    }
  }
}
