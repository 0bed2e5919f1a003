package io.backbeat.server.dialect.suno;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /suno/generate-lyrics} and {@code GET /suno/query/lyrics} against contract-music.md §2.8, §2.18, §3.2. */
class SunoLyricsContractTest {
  private static final String CALLBACK = "https://example.com/callback";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String body(String prompt) {
    return "{\"prompt\":" + TestServer.JSON.valueToTree(prompt) + ",\"callBackUrl\":\"" + CALLBACK + "\"}";
  }

  private static void assertError(HttpResponse<String> response, int code, String messagePart) {
    JsonNode json = json(response);
    assertThat(json.path("code").asInt()).as(response.body()).isEqualTo(code);
    assertThat(json.path("msg").asText()).contains(messagePart);
    assertThat(json.has("data")).isTrue();
    assertThat(json.get("data").isNull()).isTrue();
    assertThat(fieldNames(json)).containsExactly("code", "msg", "data");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  @Test
  void create_returns_the_envelope_with_a_32_hex_task_id() {
    HttpResponse<String> response = server.post("/suno/generate-lyrics", body("a song about the sea"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode json = json(response);
    assertThat(fieldNames(json)).containsExactly("code", "msg", "data");
    assertThat(json.path("code").asInt()).isEqualTo(200);
    assertThat(json.path("msg").asText()).isEqualTo("success");
    assertThat(fieldNames(json.path("data"))).containsExactly("taskId");
    assertThat(json.path("data").path("taskId").asText()).matches("[0-9a-f]{32}");
  }

  @Test
  void missing_authorization_is_401_in_the_suno_envelope() {
    HttpResponse<String> response = server.post("/suno/generate-lyrics", body("x"), null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertError(response, 401, "Authorization");
  }

  @Test
  void a_wrong_key_is_401_and_the_key_is_not_echoed() {
    String wrong = "bb_live_" + "A".repeat(40);
    HttpResponse<String> response = server.post("/suno/generate-lyrics", body("x"), wrong);
    assertThat(response.statusCode()).isEqualTo(401);
    assertError(response, 401, "invalid API key");
    assertThat(response.body()).doesNotContain(wrong);
  }

  @Test
  void a_non_bearer_authorization_header_is_401() {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(URI.create(server.url("/suno/query/lyrics?taskId=x")))
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .GET()
                .build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertError(response, 401, "Bearer");
  }

  @Test
  void query_without_auth_is_401() {
    assertError(server.get("/suno/query/lyrics?taskId=abc", null), 401, "Authorization");
  }

  @Test
  void missing_prompt_is_400() {
    HttpResponse<String> response = server.post("/suno/generate-lyrics", "{\"callBackUrl\":\"" + CALLBACK + "\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertError(response, 400, "prompt is required");
  }

  @Test
  void blank_prompt_is_400() {
    assertError(server.post("/suno/generate-lyrics", body("   ")), 400, "prompt must not be empty");
  }

  @Test
  void a_prompt_that_is_not_a_string_is_400() {
    assertError(
        server.post("/suno/generate-lyrics", "{\"prompt\":42,\"callBackUrl\":\"" + CALLBACK + "\"}"), 400, "prompt must be a string");
  }

  @Test
  void a_prompt_of_200_words_is_accepted_and_201_words_is_413() {
    String twoHundred = String.join(" ", java.util.Collections.nCopies(200, "word"));
    assertThat(json(server.post("/suno/generate-lyrics", body(twoHundred))).path("code").asInt()).isEqualTo(200);

    HttpResponse<String> tooLong = server.post("/suno/generate-lyrics", body(twoHundred + " more"));
    assertThat(tooLong.statusCode()).isEqualTo(413);
    assertError(tooLong, 413, "exceeds 200 words");
  }

  @Test
  void missing_callback_url_is_400() {
    assertError(server.post("/suno/generate-lyrics", "{\"prompt\":\"rain\"}"), 400, "callBackUrl is required");
  }

  @Test
  void a_callback_url_that_is_not_http_is_400() {
    assertError(
        server.post("/suno/generate-lyrics", "{\"prompt\":\"rain\",\"callBackUrl\":\"ftp://example.com/x\"}"), 400, "callBackUrl");
    assertError(server.post("/suno/generate-lyrics", "{\"prompt\":\"rain\",\"callBackUrl\":\"not a url\"}"), 400, "callBackUrl");
  }

  @Test
  void a_body_that_is_not_a_json_object_is_400() {
    assertError(server.post("/suno/generate-lyrics", "this is not json"), 400, "not valid JSON");
    assertError(server.post("/suno/generate-lyrics", "[1,2]"), 400, "JSON object");
    assertError(server.post("/suno/generate-lyrics", ""), 400, "JSON object");
  }

  @Test
  void an_oversized_body_is_refused_in_the_suno_envelope() {
    HttpResponse<String> response = server.post("/suno/generate-lyrics", "{\"prompt\":\"" + "a".repeat(2_000_000) + "\"}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertError(response, 413, "too large");
  }

  @Test
  void query_without_task_id_is_400() {
    assertError(server.get("/suno/query/lyrics"), 400, "taskId is required");
  }

  @Test
  void query_of_an_unknown_task_is_404() {
    assertError(server.get("/suno/query/lyrics?taskId=0123456789abcdef0123456789abcdef"), 404, "no task");
    assertError(server.get("/suno/query/lyrics?taskId=not-even-hex"), 404, "no task");
  }

  @Test
  void another_accounts_task_is_404() {
    String taskId = json(server.post("/suno/generate-lyrics", body("mine"))).path("data").path("taskId").asText();
    String otherKey = server.newAccountKey("other-" + System.nanoTime());
    assertError(server.get("/suno/query/lyrics?taskId=" + taskId, otherKey), 404, "no task");
  }

  @Test
  void query_shape_follows_the_contract_until_success() throws Exception {
    String taskId = json(server.post("/suno/generate-lyrics", body("a road trip through the desert at dawn"))).path("data").path("taskId").asText();

    JsonNode done =
        server.pollUntil(
            "/suno/query/lyrics?taskId=" + taskId, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(20));

    assertThat(done.path("code").asInt()).isEqualTo(200);
    assertThat(done.path("msg").asText()).isEqualTo("success");
    JsonNode data = done.path("data");
    assertThat(fieldNames(data))
        .containsExactly("taskId", "param", "response", "status", "type", "errorCode", "errorMessage", "createTime");
    assertThat(data.path("taskId").asText()).isEqualTo(taskId);
    assertThat(data.path("type").asText()).isEqualTo("LYRICS");
    assertThat(data.get("errorCode").isNull()).isTrue();
    assertThat(data.get("errorMessage").isNull()).isTrue();
    assertThat(data.path("createTime").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    // param is a JSON *string* of the request, without the callback URL
    assertThat(data.get("param").isTextual()).isTrue();
    JsonNode param = TestServer.JSON.readTree(data.path("param").asText());
    assertThat(param.path("prompt").asText()).isEqualTo("a road trip through the desert at dawn");
    assertThat(param.has("callBackUrl")).isFalse();

    JsonNode response = data.path("response");
    assertThat(response.path("taskId").asText()).isEqualTo(taskId);
    assertThat(response.path("data")).hasSize(2);
    for (JsonNode item : response.path("data")) {
      assertThat(fieldNames(item)).containsExactly("text", "title", "status", "errorMessage");
      assertThat(item.path("status").asText()).isEqualTo("complete");
      assertThat(item.path("errorMessage").asText()).isEmpty();
      assertThat(item.path("title").asText()).isNotBlank();
      assertThat(item.path("text").asText()).contains("[Verse").contains("[Chorus");
    }
    assertThat(response.path("data").get(0).path("text").asText())
        .isNotEqualTo(response.path("data").get(1).path("text").asText());
  }

  @Test
  void unknown_routes_under_suno_answer_in_the_suno_envelope() {
    HttpResponse<String> response = server.get("/suno/no-such-route");
    assertThat(response.statusCode()).isEqualTo(404);
    assertError(response, 404, "no route");
  }

  @Test
  void callback_urls_to_private_addresses_are_refused_by_default() throws Exception {
    try (TestServer strict = TestServer.start(Map.of("BACKBEAT_EGRESS_ALLOW_PRIVATE", "false"))) {
      for (String url : List.of("http://127.0.0.1:9/cb", "http://10.1.2.3/cb", "http://169.254.169.254/latest", "http://localhost/cb")) {
        HttpResponse<String> response =
            strict.post("/suno/generate-lyrics", "{\"prompt\":\"rain\",\"callBackUrl\":\"" + url + "\"}");
        assertThat(response.statusCode()).as(url).isEqualTo(400);
        assertError(response, 400, "callBackUrl");
      }
      // a public placeholder that does not resolve here is accepted (delivery fails later, harmlessly)
      assertThat(json(strict.post("/suno/generate-lyrics", body("rain"))).path("code").asInt()).isEqualTo(200);
    }
  }
}
