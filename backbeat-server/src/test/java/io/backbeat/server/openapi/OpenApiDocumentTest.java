package io.backbeat.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /openapi.json lists exactly the routes the server registered, each described: a route added
 * without its description, or a description left behind by a removed route, fails here.
 */
class OpenApiDocumentTest {
  private static TestServer server;
  private static OpenApiContract contract;

  @BeforeAll
  static void start() throws Exception {
    server = startWithAChannel();
    contract = OpenApiContract.of(server);
  }

  /** One upstream channel, so the upstream callback route is registered too. */
  static TestServer startWithAChannel() throws Exception {
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
    return TestServer.start(Map.of("BACKBEAT_CONFIG", yaml.toString(), "DOCS_SUNO_KEY", "docs-test-key"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_registered_route_is_described() {
    List<String> undocumented = new ArrayList<>();
    for (String operation : contract.operations()) {
      String[] parts = operation.split(" ", 2);
      if (contract.operation(parts[0], parts[1]).path("x-undocumented").asBoolean()) {
        undocumented.add(operation);
      }
    }
    // a ratchet: a new route fails here until it is described (or, consciously, listed as pending)
    assertThat(undocumented).as("routes without a description in openapi/*.yaml, beside openapi/pending.txt").containsExactlyInAnyOrderElementsOf(pending());
    assertThat(contract.operations()).contains("POST /suno/generate", "POST /api/v1/generate", "GET /v1/tasks/{id}", "GET /assets/{taskId}/{file}", "GET /openapi.json");
  }

  /** Routes whose descriptions are still to be written: listed in /docs as such, and nowhere else. */
  static List<String> pending() {
    try (var in = OpenApiDocumentTest.class.getResourceAsStream("/openapi/pending.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void every_description_is_of_a_registered_route() {
    List<String> stale = new ArrayList<>();
    for (String key : ApiDescriptions.load().describedKeys()) {
      if (!contract.operations().contains(key)) {
        stale.add(key);
      }
    }
    assertThat(stale).as("descriptions of routes the server does not register").isEmpty();
  }

  @Test
  void every_operation_documents_a_success_and_secured_ones_their_401() {
    List<String> problems = new ArrayList<>();
    for (String operation : contract.operations()) {
      if (pending().contains(operation)) {
        continue;
      }
      String[] parts = operation.split(" ", 2);
      JsonNode op = contract.operation(parts[0], parts[1]);
      List<String> statuses = new ArrayList<>();
      op.path("responses").fieldNames().forEachRemaining(statuses::add);
      if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
        problems.add(operation + " documents no success");
      }
      boolean secured = !op.has("security") || !op.path("security").isEmpty();
      if (secured && !statuses.contains("401")) {
        problems.add(operation + " needs a key but documents no 401");
      }
      if (op.path("summary").asText().isBlank()) {
        problems.add(operation + " has no summary");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void request_examples_match_their_own_schemas() {
    List<String> problems = new ArrayList<>();
    int examples = 0;
    for (String operation : contract.operations()) {
      String[] parts = operation.split(" ", 2);
      JsonNode media = contract.resolve(contract.operation(parts[0], parts[1]).path("requestBody")).path("content").path("application/json");
      if (media.has("example")) {
        examples++;
        problems.addAll(contract.validate(media.path("schema"), media.path("example").toString(), operation + " example"));
      }
    }
    assertThat(examples).isGreaterThanOrEqualTo(10);
    assertThat(problems).isEmpty();
  }

  @Test
  void aliases_share_their_route_description_and_the_route_table_facts_are_added() {
    JsonNode anyint = contract.operation("POST", "/suno/generate");
    JsonNode sunoapi = contract.operation("POST", "/api/v1/generate");
    assertThat(sunoapi.path("requestBody")).isEqualTo(anyint.path("requestBody"));
    assertThat(sunoapi.path("description").asText()).contains("Alias of `POST /suno/generate`");
    assertThat(anyint.path("x-task-kind").asText()).isEqualTo("SONG");
    assertThat(anyint.path("x-synchronous").asBoolean()).isFalse();
    assertThat(anyint.path("parameters").toString()).contains("#/components/parameters/IdempotencyKey");
    assertThat(contract.operation("GET", "/healthz").path("security")).isEmpty();
  }

  @Test
  void the_docs_page_renders_the_document_from_the_jar() {
    HttpResponse<String> page = server.get("/docs", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("/ui/docs.js").doesNotContain("https://");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    HttpResponse<String> script = server.get("/ui/docs.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("fetch('/openapi.json')");
  }
}
