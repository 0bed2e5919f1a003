package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The native /v1 API: listing, the canonical task view, deliveries, live events, webhook test, secret rotation. */
class NativeApiTest {
  private static TestServer server;
  private static CallbackReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    receiver = new CallbackReceiver();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    server.close();
  }

  private static String lyrics(String key, String prompt) throws Exception {
    String body = "{\"prompt\":\"" + prompt + "\",\"callBackUrl\":\"" + receiver.url("/native") + "\"}";
    String taskId = json(server.post("/suno/generate-lyrics", body, key)).path("data").path("taskId").asText();
    server.pollUntil("/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(20), key);
    return taskId;
  }

  @Test
  void tasks_are_listed_newest_first_with_filters_and_a_stable_cursor() throws Exception {
    String key = server.newAccountKey("lister-" + System.nanoTime());
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(lyrics(key, "listing " + i));
    }
    JsonNode first = json(server.get("/v1/tasks?limit=2", key));
    assertThat(first.path("data")).hasSize(2);
    assertThat(first.path("data").get(0).path("id").asText()).isEqualTo(created.get(4));
    List<String> seen = new ArrayList<>();
    first.path("data").forEach(t -> seen.add(t.path("id").asText()));
    String cursor = first.path("nextCursor").asText();
    while (!cursor.isEmpty() && !cursor.equals("null")) {
      JsonNode page = json(server.get("/v1/tasks?limit=2&cursor=" + cursor, key));
      page.path("data").forEach(t -> seen.add(t.path("id").asText()));
      cursor = page.path("nextCursor").isNull() ? "" : page.path("nextCursor").asText();
    }
    assertThat(seen).containsExactlyElementsOf(created.reversed());

    assertThat(json(server.get("/v1/tasks?status=succeeded&kind=LYRICS", key)).path("data")).hasSize(5);
    assertThat(json(server.get("/v1/tasks?status=failed", key)).path("data")).isEmpty();
    assertThat(json(server.get("/v1/tasks?kind=SONG", key)).path("data")).isEmpty();
    assertThat(json(server.get("/v1/tasks?createdFrom=2999-01-01T00:00:00Z", key)).path("data")).isEmpty();

    JsonNode bad = json(server.get("/v1/tasks?status=done", key));
    assertThat(bad.path("error").path("code").asText()).isEqualTo("INVALID_PARAMETER");
    assertThat(server.get("/v1/tasks?cursor=garbage!", key).statusCode()).isEqualTo(400);
  }

  @Test
  void the_task_view_has_request_timeline_outputs_and_deliveries() throws Exception {
    String taskId = lyrics(server.apiKey, "the canonical view");
    JsonNode deliveries;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode view;
    do {
      view = json(server.get("/v1/tasks/" + taskId));
      deliveries = view.path("deliveries");
    } while ((deliveries.isEmpty() || !deliveries.get(0).path("state").asText().equals("delivered")) && System.nanoTime() < deadline);

    assertThat(view.path("status").asText()).isEqualTo("succeeded");
    assertThat(view.path("kind").asText()).isEqualTo("LYRICS");
    assertThat(view.path("request").path("prompt").asText()).isEqualTo("the canonical view");
    assertThat(view.path("result").path("lyrics")).hasSize(2);
    assertThat(view.path("timeline").findValuesAsText("status")).containsExactly("queued", "running", "succeeded");
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).path("eventType").asText()).isEqualTo("complete");
    assertThat(deliveries.get(0).path("state").asText()).isEqualTo("delivered");

    String deliveryId = deliveries.get(0).path("id").asText();
    JsonNode delivery = json(server.get("/v1/webhooks/deliveries/" + deliveryId));
    assertThat(delivery.path("attemptLog")).hasSize(1);
    assertThat(delivery.path("attemptLog").get(0).path("status").asInt()).isEqualTo(200);
    assertThat(delivery.path("attemptLog").get(0).path("responseExcerpt").asText()).contains("received");
    assertThat(json(server.get("/v1/webhooks/deliveries?taskId=" + taskId)).path("data")).hasSize(1);
  }

  @Test
  void a_redelivery_sends_the_same_event_again() throws Exception {
    String taskId = lyrics(server.apiKey, "redeliver me");
    CallbackReceiver.Received original = awaitCallbackFor(taskId);
    String deliveryId = original.header("webhook-id");

    HttpResponse<String> response = server.post("/v1/webhooks/deliveries/" + deliveryId + "/redeliver", "");
    assertThat(response.statusCode()).isEqualTo(202);

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long copies = 0;
    while (System.nanoTime() < deadline && copies < 2) {
      copies = receiver.all().stream().filter(r -> deliveryId.equals(r.header("webhook-id"))).count();
      Thread.sleep(50);
    }
    assertThat(copies).isEqualTo(2);
    assertThat(receiver.all().stream().filter(r -> deliveryId.equals(r.header("webhook-id"))).map(CallbackReceiver.Received::body).distinct())
        .hasSize(1);
  }

  @Test
  void live_events_stream_and_resume_from_last_event_id() throws Exception {
    String key = server.newAccountKey("live-" + System.nanoTime());
    String taskId = lyrics(key, "live events");
    List<String[]> events = readEvents("/v1/events", key, null, 3);
    assertThat(events).extracting(e -> e[1]).allMatch(data -> data.contains(taskId));
    assertThat(events).extracting(e -> parse(e[1]).path("status").asText()).containsExactly("queued", "running", "succeeded");

    // resume after the first: only the later ones come
    List<String[]> resumed = readEvents("/v1/events", key, events.get(0)[0], 2);
    assertThat(resumed).extracting(e -> e[0]).containsExactly(events.get(1)[0], events.get(2)[0]);

    List<String[]> perTask = readEvents("/v1/tasks/" + taskId + "/events", key, null, 3);
    assertThat(perTask).hasSize(3);

    // events of a task created while the stream is open arrive live
    String fresh = server.newAccountKey("live-open-" + System.nanoTime());
    java.util.concurrent.CompletableFuture<List<String[]>> open =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return readEventsBlocking("/v1/events", fresh, null, 3);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    Thread.sleep(300);
    String later = lyrics(fresh, "arrives live");
    assertThat(open.get(15, java.util.concurrent.TimeUnit.SECONDS)).extracting(e -> e[1]).allMatch(data -> data.contains(later));
  }

  @Test
  void the_webhook_test_sends_a_signed_event_and_reports_status_and_latency() throws Exception {
    HttpResponse<String> response = server.post("/v1/webhooks/test", "{\"url\":\"" + receiver.url("/probe?token=abc") + "\"}");
    JsonNode result = json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(result.path("delivered").asBoolean()).isTrue();
    assertThat(result.path("status").asInt()).isEqualTo(200);
    assertThat(result.path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(result.path("url").asText()).doesNotContain("token");
    CallbackReceiver.Received probe =
        receiver.all().stream().filter(r -> r.path().equals("/probe")).findFirst().orElseThrow();
    Signatures.verify(server.webhookSecret(), probe);
    assertThat(parse(probe.body()).path("type").asText()).isEqualTo("webhook.test");

    JsonNode unreachable = json(server.post("/v1/webhooks/test", "{\"url\":\"http://127.0.0.1:9/nothing\"}"));
    assertThat(unreachable.path("delivered").asBoolean()).isFalse();
    assertThat(unreachable.path("error").asText()).isNotBlank();
  }

  @Test
  void a_rotated_secret_signs_beside_the_old_one_during_the_overlap() throws Exception {
    String key = server.newAccountKey("rotate-" + System.nanoTime());
    String old = json(server.get("/v1/account", key)).path("webhookSecret").asText();
    JsonNode rotated = json(server.post("/v1/account/webhook-secret/rotate", "{\"overlapSeconds\":3600}", key));
    String fresh = rotated.path("webhookSecret").asText();
    assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
    assertThat(json(server.get("/v1/account", key)).path("webhookSecret").asText()).isEqualTo(fresh);

    String taskId = lyrics(key, "rotation");
    CallbackReceiver.Received callback = awaitCallbackFor(taskId);
    assertThat(callback.header("webhook-signature").split(" ")).hasSize(2);
    Signatures.verify(fresh, callback);
    Signatures.verify(old, callback);
  }

  private static CallbackReceiver.Received awaitCallbackFor(String taskId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      for (CallbackReceiver.Received r : receiver.all()) {
        if (r.body().contains(taskId)) {
          return r;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no callback for " + taskId);
  }

  /** Reads {@code count} SSE events as [id, data], failing after 15 s instead of hanging. */
  private static List<String[]> readEvents(String path, String key, String lastEventId, int count) throws Exception {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return readEventsBlocking(path, key, lastEventId, count);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .get(15, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static List<String[]> readEventsBlocking(String path, String key, String lastEventId, int count) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url(path))).header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response = server.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    List<String[]> events = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String data = null;
      String line;
      while (events.size() < count && (line = reader.readLine()) != null) {
        if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("data:")) {
          data = line.substring(5).strip();
        } else if (line.isEmpty() && data != null) {
          events.add(new String[] {id, data});
          id = null;
          data = null;
        }
      }
    }
    return events;
  }

  private static JsonNode parse(String text) {
    try {
      return TestServer.JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

}
