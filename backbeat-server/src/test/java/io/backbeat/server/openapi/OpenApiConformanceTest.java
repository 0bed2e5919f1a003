package io.backbeat.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real answers of a running server checked against its own /openapi.json: every documented
 * operation is called, with a success and (where it needs a key) without one, and every answer's
 * status must be documented and its body must match the documented schema. A route whose answer
 * drifts from its description fails here; so does a route nobody calls.
 */
class OpenApiConformanceTest {
  private static TestServer server;
  private static CallbackReceiver receiver;
  private static OpenApiContract contract;
  private static final List<String> PROBLEMS = new ArrayList<>();

  /**
   * Music tasks finish at once with a canonical result (a prompt containing "hold" never does), so
   * the Suno routes answer in every state without rendering songs; lyrics run on the real studio.
   */
  static final class InstantMusic implements Provider {
    @Override
    public String name() {
      return "instant-music";
    }

    @Override
    public Set<TaskKind> kinds() {
      return Set.of(
          TaskKind.SONG, TaskKind.EXTEND, TaskKind.REPLACE_SECTION, TaskKind.UPLOAD_COVER, TaskKind.UPLOAD_EXTEND, TaskKind.ADD_VOCALS,
          TaskKind.ADD_INSTRUMENTAL, TaskKind.TIMESTAMPED_LYRICS, TaskKind.PERSONA);
    }

    @Override
    public int defaultSlots() {
      return 8;
    }

    @Override
    public Step step(Task task, TaskContext context) {
      if (task.spec().moderatedTexts().values().stream().anyMatch(text -> text != null && text.contains("hold"))) {
        return Step.again(context.clock().instant().plus(Duration.ofHours(1)), "held by the test");
      }
      if (task.kind() == TaskKind.TIMESTAMPED_LYRICS) {
        ObjectNode words = TestServer.JSON.createObjectNode().put("alignmentScore", 0.12).put("streamed", false);
        words.withArray("words").addObject().put("word", "[Verse] la").put("startS", 1.0).put("endS", 1.5).put("success", true).put("palign", 0);
        words.withArray("waveform").add(0.1).add(0.4);
        return Step.succeed(words);
      }
      if (task.kind() == TaskKind.PERSONA) {
        return Step.succeed(TestServer.JSON.createObjectNode().put("personaId", "persona-" + task.id()).put("name", "Docs singer").put("description", "a warm baritone"));
      }
      ObjectNode result = TestServer.JSON.createObjectNode().put("title", "Docs").put("tags", "pop").put("lyrics", "[Verse]\nla");
      for (int i = 0; i < 2; i++) {
        result.withArray("clips").addObject().put("id", task.id() + "-" + i).put("title", "Docs").put("tags", "pop").put("prompt", "[Verse]\nla")
            .put("duration", 31.5).put("audio", task.id() + "/clip" + i + ".mp3").put("image", task.id() + "/clip" + i + ".jpg");
      }
      return Step.succeed(result);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Path yaml = Files.createTempFile("backbeat-openapi", ".yaml");
    Files.writeString(yaml, """
        channels:
          - name: suno-docs
            type: sunoapi
            baseUrl: http://127.0.0.1:9/api/v1
            apiKey: ${DOCS_SUNO_KEY}
            kinds: [WAV]
          - name: studio
            type: local
        """);
    server = TestServer.start(Map.of("BACKBEAT_CONFIG", yaml.toString(), "DOCS_SUNO_KEY", "docs-test-key", "BACKBEAT_RATE_CREATE", "1000/200"), new Extensions(List.of(new InstantMusic()), List.of()));
    receiver = new CallbackReceiver();
    contract = OpenApiContract.of(server);
  }

  @AfterAll
  static void stop() {
    receiver.close();
    server.close();
  }

  private static HttpResponse<String> call(String method, String template, String path, String body, String key, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = server.send(request.build());
    PROBLEMS.addAll(contract.check(method, template, response));
    return response;
  }

  private static HttpResponse<String> call(String method, String template, String path, String body, String key) {
    return call(method, template, path, body, key, Map.of());
  }

  private static HttpResponse<String> get(String template, String path) {
    return call("GET", template, path, null, server.apiKey);
  }

  /** The example body of an operation's request, as documented. */
  private static String example(String method, String template) {
    return contract.resolve(contract.operation(method, template).path("requestBody")).path("content").path("application/json").path("example").toString();
  }

  /** An event stream: its headers are checked; the body is not read. */
  private static void stream(String template, String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", "text/event-stream");
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpResponse<InputStream> response = server.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    String body = response.statusCode() == 200 ? "" : new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    response.body().close();
    PROBLEMS.addAll(contract.check("GET", template, new HeadersOnly(response, body)));
  }

  @Test
  void every_operation_answers_as_documented() throws Exception {
    suno();
    nativeApi();
    operations();

    assertThat(PROBLEMS).isEmpty();
    List<String> missing = new ArrayList<>();
    for (String operation : contract.operations()) {
      if (OpenApiDocumentTest.pending().contains(operation)) {
        continue; // nothing described to conform to yet
      }
      JsonNode described = contract.operation(operation.split(" ")[0], operation.split(" ", 2)[1]);
      if (MediaOpenApiConformanceTest.DIALECTS.contains(described.path("x-dialect").asText())) {
        continue; // the media routes are called by MediaOpenApiConformanceTest
      }
      Set<Integer> statuses = contract.exercised().getOrDefault(operation, Set.of());
      boolean secured = !described.has("security") || !described.path("security").isEmpty();
      // the upstream callback route succeeds only for a real relayed task: RelayEndToEndTest drives it
      boolean needsUpstream = operation.startsWith("POST /callbacks/");
      if (statuses.stream().noneMatch(s -> s / 100 == 2) && !needsUpstream) {
        missing.add(operation + " never answered a success (saw " + statuses + ")");
      }
      if (secured && !statuses.contains(401)) {
        missing.add(operation + " was never called without a key");
      }
      if (statuses.isEmpty()) {
        missing.add(operation + " was never called");
      }
    }
    assertThat(missing).isEmpty();
  }

  private void suno() throws Exception {
    String callback = receiver.url("/docs");
    List<String[]> creates = new ArrayList<>();
    List<String[]> queries = new ArrayList<>();
    for (String operation : contract.operations()) {
      String[] parts = operation.split(" ", 2);
      JsonNode op = contract.operation(parts[0], parts[1]);
      if (!"suno".equals(op.path("x-dialect").asText()) || OpenApiDocumentTest.pending().contains(operation)) {
        continue;
      }
      (parts[0].equals("POST") ? creates : queries).add(parts);
    }
    Map<String, String> taskOfFamily = new java.util.HashMap<>();
    for (String[] create : creates) {
      String path = create[1];
      String template = create[1];
      // work on an earlier track gets a finished source song of its own (one WAV, cover or persona per track)
      String source = finishedSong();
      // the own path's example serves its aliases too
      String body = example("POST", template).replace("3f0c9e1a5b7d4c2e8f6a1b3c5d7e9f01", source)
          .replace("https://example.com/callback", callback).replace("https://files.example/", "http://127.0.0.1:9/");
      assertThat(body).as("example of %s", template).isNotEqualTo("");
      call("POST", template, path, body, null);
      call("POST", template, path, "{}", server.apiKey);
      HttpResponse<String> accepted = call("POST", template, path, body, server.apiKey);
      assertThat(accepted.statusCode()).as("%s with its example %s: %s", template, body, accepted.body()).isEqualTo(200);
      JsonNode op = contract.operation("POST", template);
      if (!op.path("x-synchronous").asBoolean()) {
        taskOfFamily.put(op.path("x-query-family").asText(), TestServer.json(accepted).path("data").path("taskId").asText());
      }
    }
    String lyricsTask = taskOfFamily.get("suno.lyrics");
    assertThat(lyricsTask).as("families seen: %s", taskOfFamily.keySet()).isNotNull();
    server.pollUntil("/suno/query/lyrics?taskId=" + lyricsTask, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(60));
    for (String[] query : queries) {
      String template = query[1];
      String family = contract.operation("GET", template).path("x-query-family").asText();
      String taskId = taskOfFamily.get(family);
      assertThat(taskId).as("a task of family %s for %s", family, template).isNotNull();
      call("GET", template, template + "?taskId=" + taskId, null, null);
      call("GET", template, template, null, server.apiKey);
      call("GET", template, template + "?taskId=0000000000000000ffffffffffffffff", null, server.apiKey);
      HttpResponse<String> found = get(template, template + "?taskId=" + taskId);
      assertThat(found.statusCode()).as("%s %s: %s", template, family, found.body()).isEqualTo(200);
    }
  }

  private static String finishedSong() throws Exception {
    HttpResponse<String> created = server.post("/suno/generate", "{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\",\"prompt\":\"a source\",\"callBackUrl\":\"https://example.com/callback\"}");
    String taskId = TestServer.json(created).path("data").path("taskId").asText();
    server.pollUntil("/suno/query/task?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(60));
    get("/suno/query/task", "/suno/query/task?taskId=" + taskId); // a finished song with its clips, checked too
    return taskId;
  }

  private void nativeApi() throws Exception {
    String key = server.apiKey;
    String other = server.newAccountKey("docs-other-" + System.nanoTime());
    String lyrics = TestServer.json(server.post("/suno/generate-lyrics", "{\"prompt\":\"docs native\",\"callBackUrl\":\"" + receiver.url("/native") + "\"}"))
        .path("data").path("taskId").asText();
    server.pollUntil("/suno/query/lyrics?taskId=" + lyrics, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(60));
    HttpResponse<String> holding = server.post("/suno/generate", "{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\",\"prompt\":\"hold this\",\"callBackUrl\":\"https://example.com/callback\"}");
    assertThat(holding.statusCode()).as(holding.body()).isEqualTo(200);
    String held = TestServer.json(holding).path("data").path("taskId").asText();

    for (String operation : contract.operations()) {
      String[] parts = operation.split(" ", 2);
      String template = parts[1];
      if (!template.startsWith("/v1/") || template.contains("{id}") || template.endsWith("/events") || OpenApiDocumentTest.pending().contains(operation)) {
        continue;
      }
      String concrete = template;
      if (parts[0].equals("GET")) {
        call("GET", template, concrete, null, null);
        get(template, concrete);
      }
    }
    call("POST", "/v1/account/webhook-secret/rotate", "/v1/account/webhook-secret/rotate", null, null);
    call("POST", "/v1/account/webhook-secret/rotate", "/v1/account/webhook-secret/rotate", "{\"overlapSeconds\":60}", other);
    call("POST", "/v1/account/webhook-secret/rotate", "/v1/account/webhook-secret/rotate", "{\"overlapSeconds\":-1}", other);
    call("GET", "/v1/tasks", "/v1/tasks?status=bogus", null, key);
    call("GET", "/v1/tasks", "/v1/tasks?limit=1&kind=LYRICS", null, key);

    for (String template : List.of("/v1/tasks/{id}", "/v1/tasks/{id}/credits")) {
      call("GET", template, template.replace("{id}", lyrics), null, null);
      call("GET", template, template.replace("{id}", lyrics), null, other);
      get(template, template.replace("{id}", lyrics));
    }
    call("POST", "/v1/tasks/{id}/cancel", "/v1/tasks/" + held + "/cancel", null, null);
    call("POST", "/v1/tasks/{id}/cancel", "/v1/tasks/" + held + "/cancel", null, key);
    call("POST", "/v1/tasks/{id}/cancel", "/v1/tasks/" + held + "/cancel", null, key);
    call("POST", "/v1/tasks/{id}/cancel", "/v1/tasks/" + lyrics + "/cancel", null, other);

    stream("/v1/events", "/v1/events", null);
    stream("/v1/events", "/v1/events?after=0", key);
    stream("/v1/tasks/{id}/events", "/v1/tasks/" + lyrics + "/events", null);
    stream("/v1/tasks/{id}/events", "/v1/tasks/" + lyrics + "/events", other);
    stream("/v1/tasks/{id}/events", "/v1/tasks/" + lyrics + "/events", key);

    JsonNode deliveries = TestServer.json(server.get("/v1/webhooks/deliveries?taskId=" + lyrics));
    String delivery = deliveries.path("data").path(0).path("id").asText();
    assertThat(delivery).isNotBlank();
    call("GET", "/v1/webhooks/deliveries/{id}", "/v1/webhooks/deliveries/" + delivery, null, null);
    call("GET", "/v1/webhooks/deliveries/{id}", "/v1/webhooks/deliveries/" + delivery, null, other);
    get("/v1/webhooks/deliveries/{id}", "/v1/webhooks/deliveries/" + delivery);
    call("POST", "/v1/webhooks/deliveries/{id}/redeliver", "/v1/webhooks/deliveries/" + delivery + "/redeliver", null, null);
    call("POST", "/v1/webhooks/deliveries/{id}/redeliver", "/v1/webhooks/deliveries/" + delivery + "/redeliver", null, other);
    call("POST", "/v1/webhooks/deliveries/{id}/redeliver", "/v1/webhooks/deliveries/" + delivery + "/redeliver", null, key);
    call("POST", "/v1/webhooks/test", "/v1/webhooks/test", "{\"url\":\"" + receiver.url("/test") + "\"}", null);
    call("POST", "/v1/webhooks/test", "/v1/webhooks/test", "{}", key);
    call("POST", "/v1/webhooks/test", "/v1/webhooks/test", "{\"url\":\"" + receiver.url("/test") + "\"}", key);
  }

  private void operations() throws Exception {
    for (String path : List.of("/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/ui", "/ui/app.js", "/ui/no-such-file.js")) {
      call("GET", path.startsWith("/ui/") ? "/ui/{file}" : path, path, null, null);
    }
    server.app().assets().put("docsasset/hello.txt", "hello, docs".getBytes(StandardCharsets.UTF_8), "text/plain");
    for (String method : List.of("GET", "HEAD")) {
      call(method, "/assets/{taskId}/{file}", "/assets/docsasset/hello.txt", null, null);
      call(method, "/assets/{taskId}/{file}", "/assets/docsasset/missing.txt", null, null);
    }
    call("GET", "/assets/{taskId}/{file}", "/assets/docsasset/hello.txt", null, null, Map.of("Range", "bytes=0-4"));
    call("GET", "/assets/{taskId}/{file}", "/assets/docsasset/hello.txt", null, null, Map.of("Range", "bytes=100-200"));
    call("POST", "/callbacks/{channel}/{taskId}/{token}", "/callbacks/suno-docs/0000000000000000ffffffffffffffff/not-a-token", "{}", null);
  }

  /** A streamed answer seen through its status and headers only. */
  private record HeadersOnly(HttpResponse<InputStream> response, String body) implements HttpResponse<String> {
    @Override public int statusCode() { return response.statusCode(); }
    @Override public HttpRequest request() { return response.request(); }
    @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
    @Override public java.net.http.HttpHeaders headers() { return response.headers(); }
    @Override public String body() { return body; }
    @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
    @Override public URI uri() { return response.uri(); }
    @Override public java.net.http.HttpClient.Version version() { return response.version(); }
  }
}
