package io.backbeat.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Route;
import io.backbeat.server.testing.TestServer;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;

/**
 * Every route of every dialect, fed arbitrary bodies, path values and query strings over real HTTP:
 * no input may cause a 5xx or an error in the log; bad input is the dialect's 4xx. In a normal build
 * this replays the inputs under {@code src/test/resources/.../RequestParsingFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} Jazzer searches for new ones (README, Tests). Workers are off, so inputs that
 * happen to be valid only queue tasks.
 */
class RequestParsingFuzzTest {
  private static final String SOME_TASK_ID = "0123456789abcdef0123456789abcdef";
  private static TestServer server;
  private static List<Route> routes;
  private static ListAppender<ILoggingEvent> errors;

  private static synchronized void start() throws Exception {
    if (server != null) {
      return;
    }
    server = TestServer.start(Map.of("BACKBEAT_RUN_WORKERS", "false", "BACKBEAT_RATE_CREATE", "1000000/1000000",
        "BACKBEAT_RATE_POLL", "1000000/1000000"));
    List<Route> all = new ArrayList<>();
    for (Dialect dialect : server.app().dialects()) {
      for (Route route : dialect.routes()) {
        boolean waits = route.purpose() instanceof Route.CreatesTask c && c.answersWithin() != null;
        boolean streams = route.path().endsWith("/events");
        if (!waits && !streams) { // those answer when a task ends or never: nothing runs here
          all.add(route);
        }
      }
    }
    routes = List.copyOf(all);
    errors = new ListAppender<>();
    errors.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(errors);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(errors);
      server.close();
    }
  }

  @FuzzTest(maxDuration = "5m")
  void no_request_to_any_route_causes_a_5xx_or_a_logged_error(FuzzedDataProvider data) throws Exception {
    start();
    Route route = routes.get(data.consumeInt(0, routes.size() - 1));
    boolean useAlias = data.consumeBoolean() && !route.aliases().isEmpty();
    boolean authenticated = data.consumeInt(0, 9) > 0;
    // path value and query are fuzzed only sometimes, so a seed's bytes mostly reach the body
    String pathValue = data.consumeBoolean() ? data.consumeString(data.consumeInt(1, 64)) : SOME_TASK_ID;
    String query = data.consumeBoolean() ? data.consumeString(data.consumeInt(1, 128)) : SOME_TASK_ID;
    String body = data.consumeRemainingAsString();

    String path = (useAlias ? route.aliases().getFirst() : route.path())
        .replaceAll("\\{[^}]+}", pathValue.isEmpty() ? "x" : URLEncoder.encode(pathValue, StandardCharsets.UTF_8).replace("+", "%20"));
    String uri = server.url(path) + "?taskId=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
    if (authenticated) {
      request.header("Authorization", "Bearer " + server.apiKey);
    }
    if (route.method() == HandlerType.GET) {
      request.GET();
    } else {
      request.method(route.method().name(), HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    }
    int before = loggedCount();

    HttpResponse<String> response = server.client().send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as("%s %s with %s", route.method(), path, body).isLessThan(500);
    List<ILoggingEvent> logged = loggedSince(before);
    assertThat(logged).as("errors logged for %s %s with %s", route.method(), path, body)
        .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
  }

  // Background loops log from other threads while a request runs: ListAppender appends under the
  // appender's own lock (AppenderBase.doAppend is synchronized), so the list is read under it too.
  private static int loggedCount() {
    synchronized (errors) {
      return errors.list.size();
    }
  }

  private static List<ILoggingEvent> loggedSince(int index) {
    synchronized (errors) {
      return List.copyOf(errors.list.subList(index, errors.list.size()));
    }
  }
}
