package io.backbeat.server.http;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.StyleBoostSpec;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.TestServer;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new dialect with a synchronous route and a new provider, added from outside the core (here: a
 * test) through {@link Extensions}. The synchronous route still makes a task that is listed,
 * billed and idempotent like every other, and answers in its own dialect's shapes.
 */
class ExtensibilityTest {
  private static TestServer server;
  private static String metered;

  /** A provider that boosts styles by shouting; a hint containing "slow" never finishes. */
  static final class ShoutingProvider implements Provider {
    @Override
    public String name() {
      return "shout";
    }

    @Override
    public Set<TaskKind> kinds() {
      return Set.of(TaskKind.STYLE);
    }

    @Override
    public int defaultSlots() {
      return 8;
    }

    @Override
    public Step step(Task task, TaskContext context) {
      StyleBoostSpec spec = (StyleBoostSpec) task.spec();
      if (spec.hint().contains("slow")) {
        return Step.again(context.clock().instant().plus(Duration.ofHours(1)), "waiting on nothing");
      }
      ObjectNode result = TestServer.JSON.createObjectNode().put("style", spec.hint().toUpperCase() + "!");
      return Step.succeed(result);
    }
  }

  /** A dialect under /echo/ whose errors are {"echoError": …}. */
  static final class EchoDialect implements Dialect {
    private final List<Route> routes;

    EchoDialect(Extensions.DialectServices services) {
      RouteTable table = new RouteTable("echo", services.creation());
      table.post("/echo/boost").createsTaskAndWaits(TaskKind.STYLE, "echo.style", Duration.ofSeconds(20), EchoDialect::parse, EchoDialect::answer);
      table.post("/echo/slow-boost").createsTaskAndWaits(TaskKind.STYLE, "echo.style", Duration.ofMillis(500), EchoDialect::parse, EchoDialect::answer);
      this.routes = table.routes();
    }

    static ParsedTask parse(Context ctx) {
      ObjectNode body = Json.parseObject(ctx.body());
      return new ParsedTask(new StyleBoostSpec(Fields.requiredString(body, "hint")), body);
    }

    static TaskCreation.Response answer(Task task) {
      ObjectNode body = Json.object().put("taskId", task.id());
      if (task.status() == TaskStatus.SUCCEEDED) {
        body.put("styled", task.result().path("style").asText());
        return new TaskCreation.Response(200, Json.write(body));
      }
      return new TaskCreation.Response(500, Json.write(body.put("echoError", task.errorCode())));
    }

    @Override
    public String name() {
      return "echo";
    }

    @Override
    public List<String> pathPrefixes() {
      return List.of("/echo/");
    }

    @Override
    public List<Route> routes() {
      return routes;
    }

    @Override
    public void renderError(Context ctx, BackbeatException error) {
      int status = error.error() == BackbeatError.TIMEOUT ? 504 : error.error() == BackbeatError.NOT_FOUND ? 404 : 400;
      ctx.status(status).contentType("application/json").result(Json.write(Json.object().put("echoError", error.error().name()).put("why", error.getMessage())));
    }

    @Override
    public Optional<CallbackRenderer> callbackRenderer() {
      return Optional.empty();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of("BACKBEAT_PRICES", "STYLE=3"), new Extensions(List.of(new ShoutingProvider()), List.of(EchoDialect::new)));
    metered = server.newMeteredAccountKey("metered-echo", 100);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_synchronous_route_answers_with_the_finished_task_which_is_listed_and_billed() {
    HttpResponse<String> answer = server.post("/echo/boost", "{\"hint\":\"dream pop\"}", metered);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = json(answer);
    assertThat(body.path("styled").asText()).isEqualTo("DREAM POP!");
    JsonNode task = json(server.get("/v1/tasks/" + body.path("taskId").asText(), metered));
    assertThat(task.path("kind").asText()).isEqualTo("STYLE");
    assertThat(task.path("dialect").asText()).isEqualTo("echo");
    assertThat(task.path("route").asText()).isEqualTo("echo.style");
    assertThat(task.path("provider").asText()).isEqualTo("shout");
    assertThat(task.path("status").asText()).isEqualTo("succeeded");
    assertThat(task.path("request").path("type").asText()).isEqualTo("style_boost");
    JsonNode ledger = json(server.get("/v1/account/ledger", metered));
    assertThat(ledger.path("balance").asLong()).isEqualTo(97);
    assertThat(ledger.path("data").findValuesAsText("kind")).containsExactly("settle", "hold", "topup");
  }

  @Test
  void a_synchronous_route_is_idempotent_and_a_replay_answers_the_same_task() {
    Map<String, String> key = Map.of("Idempotency-Key", "echo-sync-1");
    HttpResponse<String> first = server.post("/echo/boost", "{\"hint\":\"ska\"}", server.apiKey, key);
    HttpResponse<String> again = server.post("/echo/boost", "{\"hint\":\"ska\"}", server.apiKey, key);
    HttpResponse<String> other = server.post("/echo/boost", "{\"hint\":\"polka\"}", server.apiKey, key);

    assertThat(again.body()).isEqualTo(first.body());
    assertThat(json(again).path("styled").asText()).isEqualTo("SKA!");
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(json(other).path("echoError").asText()).isEqualTo("IDEMPOTENCY_MISMATCH");
    long skaTasks =
        json(server.get("/v1/tasks?kind=STYLE&limit=500")).path("data").findValuesAsText("id").stream()
            .filter(id -> json(server.get("/v1/tasks/" + id)).path("request").path("hint").asText().equals("ska"))
            .count();
    assertThat(skaTasks).isEqualTo(1);
  }

  @Test
  void a_synchronous_route_that_runs_out_of_time_answers_a_timeout_and_the_task_goes_on() {
    HttpResponse<String> answer = server.post("/echo/slow-boost", "{\"hint\":\"slow jazz\"}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(504);
    JsonNode error = json(answer);
    assertThat(error.path("echoError").asText()).isEqualTo("TIMEOUT");
    String taskId = error.path("why").asText().replaceAll("^task ([0-9a-f]{32}) .*$", "$1");
    JsonNode task = json(server.get("/v1/tasks/" + taskId));
    assertThat(task.path("status").asText()).as("parked, still running").isEqualTo("running");
  }

  @Test
  void the_new_dialect_answers_unknown_paths_and_bad_input_in_its_own_shape() {
    HttpResponse<String> missing = server.get("/echo/nowhere");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("echoError").asText()).isEqualTo("NOT_FOUND");
    HttpResponse<String> bad = server.post("/echo/boost", "{}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("why").asText()).contains("hint is required");
  }
}
