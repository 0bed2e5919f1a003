package io.backbeat.server.dialect.suno;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The upload routes over HTTP on an API-only node (tasks stay as created): envelopes, every required
 * field, per-model limits, model enums, uploadUrl checks at create, and both path families answering
 * the same tasks (contract-music.md §2.3–§2.6, §2.17, §5).
 */
class SunoUploadsContractTest {
  private static TestServer server;

  static final String COVER =
      "{\"uploadUrl\":\"https://example.com/song.mp3\",\"customMode\":false,\"instrumental\":true,\"model\":\"V5\",\"prompt\":\"a jazz trio\",\"callBackUrl\":\"https://example.com/cb\"}";
  static final String EXTEND =
      "{\"uploadUrl\":\"https://example.com/song.mp3\",\"defaultParamFlag\":true,\"instrumental\":false,\"model\":\"V5\",\"style\":\"pop\",\"title\":\"More\","
          + "\"prompt\":\"[Verse]\\nAnd on it goes\",\"continueAt\":12.5,\"callBackUrl\":\"https://example.com/cb\"}";
  static final String VOCALS =
      "{\"uploadUrl\":\"https://example.com/inst.mp3\",\"prompt\":\"a hopeful song about the sea\",\"title\":\"Sea\",\"style\":\"folk\",\"negativeTags\":\"\","
          + "\"callBackUrl\":\"https://example.com/cb\"}";
  static final String INSTRUMENTAL =
      "{\"uploadUrl\":\"https://example.com/vox.mp3\",\"title\":\"Backing\",\"tags\":\"funk, slap bass\",\"negativeTags\":\"metal\",\"callBackUrl\":\"https://example.com/cb\"}";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("BACKBEAT_RUN_WORKERS", "false"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static ObjectNode body(String json) throws Exception {
    return (ObjectNode) TestServer.JSON.readTree(json);
  }

  private static void assertError(HttpResponse<String> response, int status, int code, String part) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode json = json(response);
    assertThat(json.path("code").asInt()).as(response.body()).isEqualTo(code);
    assertThat(json.path("msg").asText()).contains(part);
    assertThat(json.get("data").isNull()).isTrue();
  }

  private static String create(String path, String body) {
    HttpResponse<String> created = server.post(path, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode json = json(created);
    assertThat(json.path("code").asInt()).isEqualTo(200);
    assertThat(json.path("msg").asText()).isEqualTo("success");
    return json.path("data").path("taskId").asText();
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static JsonNode spec(String taskId) {
    return json(server.get("/v1/tasks/" + taskId)).path("request");
  }

  @ParameterizedTest
  @CsvSource({
    "upload-cover, upload_cover",
    "upload-extend, upload_extend",
    "add-vocals, add_vocals",
    "add-instrumental, add_instrumental"
  })
  void each_route_creates_a_task_under_both_path_families_and_both_query_routes_answer_it_alike(String route, String operationType)
      throws Exception {
    String body = switch (route) {
      case "upload-cover" -> COVER;
      case "upload-extend" -> EXTEND;
      case "add-vocals" -> VOCALS;
      default -> INSTRUMENTAL;
    };
    for (String path : List.of("/suno/" + route, "/api/v1/generate/" + route)) {
      String taskId = create(path, body);

      JsonNode anyint = json(server.get("/suno/query/task?taskId=" + taskId));
      JsonNode sunoapi = json(server.get("/api/v1/generate/record-info?taskId=" + taskId));
      assertThat(sunoapi).isEqualTo(anyint);
      JsonNode data = anyint.path("data");
      assertThat(data.path("taskId").asText()).isEqualTo(taskId);
      assertThat(data.path("status").asText()).isEqualTo("PENDING");
      assertThat(data.path("operationType").asText()).isEqualTo(operationType);
      assertThat(data.path("response").path("sunoData")).isEmpty();
      JsonNode param = TestServer.JSON.readTree(data.path("param").asText());
      assertThat(param.path("uploadUrl").asText()).startsWith("https://example.com/");
      assertThat(param.has("callBackUrl")).isFalse();
      assertThat(json(server.get("/v1/tasks/" + taskId)).path("kind").asText()).isEqualTo(operationType.toUpperCase(java.util.Locale.ROOT));
      // not a lyrics task, not a WAV task: the other query families do not answer it
      assertError(server.get("/suno/query/lyrics?taskId=" + taskId), 404, 404, "not polled at /suno/query/lyrics");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "upload-cover, uploadUrl",
    "upload-cover, customMode",
    "upload-cover, instrumental",
    "upload-cover, callBackUrl",
    "upload-cover, model",
    "upload-cover, prompt",
    "upload-extend, uploadUrl",
    "upload-extend, defaultParamFlag",
    "upload-extend, callBackUrl",
    "upload-extend, model",
    "upload-extend, continueAt",
    "upload-extend, style",
    "upload-extend, title",
    "upload-extend, prompt",
    "add-vocals, uploadUrl",
    "add-vocals, callBackUrl",
    "add-vocals, prompt",
    "add-vocals, title",
    "add-vocals, negativeTags",
    "add-vocals, style",
    "add-instrumental, uploadUrl",
    "add-instrumental, title",
    "add-instrumental, negativeTags",
    "add-instrumental, tags",
    "add-instrumental, callBackUrl"
  })
  void every_required_field_is_required_under_both_path_families(String route, String field) throws Exception {
    ObjectNode body = body(switch (route) {
      case "upload-cover" -> COVER;
      case "upload-extend" -> EXTEND;
      case "add-vocals" -> VOCALS;
      default -> INSTRUMENTAL;
    });
    body.remove(field);
    int before = json(server.get("/v1/tasks?limit=100")).path("data").size();
    for (String path : List.of("/suno/" + route, "/api/v1/generate/" + route)) {
      assertError(server.post(path, body.toString()), 400, 400, field);
    }
    assertThat(json(server.get("/v1/tasks?limit=100")).path("data").size()).isEqualTo(before);
  }

  @Test
  void the_source_length_limit_is_eight_minutes_and_one_minute_on_v4_5all() throws Exception {
    ObjectNode cover = body(COVER);
    assertThat(spec(create("/suno/upload-cover", cover.toString())).path("maxSourceSeconds").asInt()).isEqualTo(480);
    cover.put("model", "V4_5ALL");
    assertThat(spec(create("/suno/upload-cover", cover.toString())).path("maxSourceSeconds").asInt()).isEqualTo(60);
    ObjectNode extend = body(EXTEND);
    extend.put("model", "V4_5ALL");
    extend.put("continueAt", 30);
    assertThat(spec(create("/api/v1/generate/upload-extend", extend.toString())).path("maxSourceSeconds").asInt()).isEqualTo(60);
    extend.put("continueAt", 60);
    assertError(server.post("/suno/upload-extend", extend.toString()), 400, 400, "continueAt must be less than the uploaded audio's length");
    assertThat(spec(create("/suno/add-vocals", VOCALS)).path("maxSourceSeconds").asInt()).isEqualTo(480);
    assertThat(spec(create("/suno/add-instrumental", INSTRUMENTAL)).path("maxSourceSeconds").asInt()).isEqualTo(480);
  }

  @Test
  void text_limits_follow_the_model_and_the_route_with_413() throws Exception {
    ObjectNode cover = body(COVER);
    cover.put("prompt", "x".repeat(501));
    assertError(server.post("/suno/upload-cover", cover.toString()), 413, 413, "prompt is too long");
    ObjectNode custom = body(COVER);
    custom.put("customMode", true);
    custom.put("model", "V4");
    custom.put("title", "T");
    custom.put("style", "s".repeat(201));
    assertError(server.post("/api/v1/generate/upload-cover", custom.toString()), 413, 413, "style is too long");
    custom.put("style", "pop");
    custom.put("instrumental", false);
    custom.remove("prompt");
    assertError(server.post("/suno/upload-cover", custom.toString()), 400, 400, "prompt is required in custom mode with vocals");

    ObjectNode vocals = body(VOCALS);
    vocals.put("title", "t".repeat(101));
    assertError(server.post("/suno/add-vocals", vocals.toString()), 413, 413, "title is too long");
    ObjectNode instrumental = body(INSTRUMENTAL);
    instrumental.put("title", "t".repeat(81));
    assertError(server.post("/suno/add-instrumental", instrumental.toString()), 413, 413, "title is too long");
    instrumental.put("title", "t".repeat(80));
    create("/suno/add-instrumental", instrumental.toString());
  }

  @Test
  void add_vocals_and_add_instrumental_take_only_v4_5plus_and_v5_and_default_to_v4_5plus() throws Exception {
    for (String route : List.of("add-vocals", "add-instrumental")) {
      ObjectNode body = body(route.equals("add-vocals") ? VOCALS : INSTRUMENTAL);
      assertThat(spec(create("/suno/" + route, body.toString())).path("model").asText()).isEqualTo("V4_5PLUS");
      body.put("model", "V5");
      assertThat(spec(create("/api/v1/generate/" + route, body.toString())).path("model").asText()).isEqualTo("V5");
      for (String refused : List.of("V4", "V4_5", "V4_5ALL", "v5", "V9")) {
        body.put("model", refused);
        assertError(server.post("/suno/" + route, body.toString()), 400, 400, "model must be V4_5PLUS or V5 for " + route);
      }
    }
  }

  @Test
  void upload_extend_custom_parameters_follow_defaultParamFlag_and_instrumental() throws Exception {
    ObjectNode body = body(EXTEND);
    body.put("continueAt", 0);
    assertError(server.post("/suno/upload-extend", body.toString()), 400, 400, "continueAt must be greater than 0");
    body.put("continueAt", 480);
    assertError(server.post("/suno/upload-extend", body.toString()), 400, 400, "continueAt must be less than");
    body.put("continueAt", "ten");
    assertError(server.post("/suno/upload-extend", body.toString()), 400, 400, "continueAt must be a number");

    ObjectNode instrumental = body(EXTEND);
    instrumental.put("instrumental", true);
    instrumental.remove("prompt");
    JsonNode spec = spec(create("/suno/upload-extend", instrumental.toString()));
    assertThat(spec.path("composition").path("instrumental").asBoolean()).isTrue();
    assertThat(spec.path("continueAtSeconds").asDouble()).isEqualTo(12.5);

    ObjectNode inherit = body("{\"uploadUrl\":\"https://example.com/a.wav\",\"defaultParamFlag\":false,\"model\":\"V4_5\",\"callBackUrl\":\"https://example.com/cb\"}");
    JsonNode inherited = spec(create("/api/v1/generate/upload-extend", inherit.toString()));
    assertThat(absent(inherited.path("composition"))).isTrue();
    assertThat(absent(inherited.path("continueAtSeconds"))).isTrue();
  }

  @Test
  void add_vocals_sings_a_prompt_that_reads_as_lyrics_and_writes_lyrics_for_an_idea() throws Exception {
    JsonNode idea = spec(create("/suno/add-vocals", VOCALS)).path("composition");
    assertThat(idea.path("prompt").asText()).isEqualTo("a hopeful song about the sea");
    assertThat(absent(idea.path("lyrics"))).isTrue();
    ObjectNode written = body(VOCALS);
    written.put("prompt", "[Verse]\nThe tide rolls in\nThe tide rolls out");
    JsonNode lyrics = spec(create("/suno/add-vocals", written.toString())).path("composition");
    assertThat(lyrics.path("lyrics").asText()).startsWith("[Verse]");
    assertThat(absent(lyrics.path("prompt"))).isTrue();
    assertThat(lyrics.path("title").asText()).isEqualTo("Sea");
    assertThat(lyrics.path("style").asText()).isEqualTo("folk");
  }

  @Test
  void an_uploadUrl_that_can_never_be_fetched_is_refused_at_create() throws Exception {
    for (String url : List.of("ftp://example.com/a.mp3", "https://user:secret@example.com/a.mp3", "/relative.mp3", "https://example.com/" + "a".repeat(2048))) {
      ObjectNode body = body(COVER);
      body.put("uploadUrl", url);
      HttpResponse<String> refused = server.post("/suno/upload-cover", body.toString());
      assertError(refused, 400, 400, "uploadUrl");
      assertThat(refused.body()).doesNotContain("secret");
    }
    ObjectNode number = body(COVER);
    number.put("uploadUrl", 42);
    assertError(server.post("/api/v1/generate/upload-cover", number.toString()), 400, 400, "uploadUrl must be a string");
  }

  @Test
  void an_uploadUrl_on_a_private_address_is_refused_at_create_and_nothing_is_charged() throws Exception {
    try (TestServer strict = TestServer.start(Map.of("BACKBEAT_RUN_WORKERS", "false", "BACKBEAT_EGRESS_ALLOW_PRIVATE", "false", "BACKBEAT_PRICES", "UPLOAD_COVER=5"))) {
      String key = strict.newMeteredAccountKey("strict", 20);
      for (String url : List.of("http://127.0.0.1:9/a.mp3", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/a.mp3", "http://localhost/a.mp3")) {
        ObjectNode body = body(COVER);
        body.put("uploadUrl", url);
        assertError(strict.post("/suno/upload-cover", body.toString(), key), 400, 400, "uploadUrl");
      }
      assertThat(json(strict.get("/v1/account", key)).path("credits").path("balance").asLong()).isEqualTo(20);
      assertThat(json(strict.get("/v1/account/ledger", key)).path("data").findValuesAsText("kind")).containsExactly("topup");
      assertThat(json(strict.get("/v1/tasks", key)).path("data")).isEmpty();
    }
  }

  @Test
  void one_idempotency_key_on_both_path_families_is_one_task() {
    Map<String, String> headers = Map.of("Idempotency-Key", "upload-cover-once");
    HttpResponse<String> first = server.post("/suno/upload-cover", COVER, server.apiKey, headers);
    HttpResponse<String> again = server.post("/api/v1/generate/upload-cover", COVER, server.apiKey, headers);
    assertThat(json(again).path("data").path("taskId").asText()).isEqualTo(json(first).path("data").path("taskId").asText());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
  }
}
