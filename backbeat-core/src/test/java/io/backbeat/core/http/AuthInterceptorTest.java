package io.backbeat.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Credentials against real loopback servers: who receives them, and where they never show. */
class AuthInterceptorTest {
  private static final String SECRET = "sk-live-Q7rT9vW2xY4zA6bC8dE0";

  @TempDir Path dir;

  private final LoopbackServer upstream = LoopbackServer.on("127.0.0.1");
  private final LoopbackServer stranger = LoopbackServer.on("127.0.0.2");
  private final EgressHttpClient root = new EgressHttpClient(EgressPolicy.defaults(true));
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.backbeat.core.http");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previous;

  @BeforeEach
  void capture() {
    previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
    root.close();
    upstream.close();
    stranger.close();
  }

  @Test
  void a_bearer_token_goes_to_the_base_urls_origin() throws Exception {
    upstream.answer(exchange -> LoopbackServer.respond(exchange, 200, "{}"));
    EgressHttpClient client = root.newBuilder().baseUrl(upstream.url("/api")).bearer(() -> SECRET).build();

    assertThat(client.getJson("/v1/credits").status()).isEqualTo(200);

    LoopbackServer.RecordedRequest received = upstream.takeRequest();
    assertThat(received.target()).isEqualTo("/api/v1/credits");
    assertThat(received.headers()).containsEntry("authorization", "Bearer " + SECRET);
  }

  @Test
  void a_computed_header_is_computed_for_every_request() throws Exception {
    upstream.answer(exchange -> LoopbackServer.respond(exchange, 200, "{}"));
    AtomicInteger issued = new AtomicInteger();
    EgressHttpClient client = root.newBuilder().baseUrl(upstream.url("")).authHeader("Authorization", () -> "Bearer jwt-" + issued.incrementAndGet()).build();

    client.getJson("/v1/videos/1");
    client.getJson("/v1/videos/2");

    assertThat(upstream.takeRequest().headers()).containsEntry("authorization", "Bearer jwt-1");
    assertThat(upstream.takeRequest().headers()).containsEntry("authorization", "Bearer jwt-2");
  }

  @Test
  void credentials_never_go_to_another_origin() throws Exception {
    stranger.answer(exchange -> LoopbackServer.respond(exchange, 200, "ID3"));
    EgressHttpClient client = root.newBuilder().baseUrl(upstream.url("")).authHeader("X-Api-Key", () -> SECRET).build();

    client.download("assetUrl", stranger.url("/cdn/a.mp3"), dir.resolve("a.mp3"), 1024, Duration.ofSeconds(5));

    assertThat(stranger.takeRequest().headers()).doesNotContainKey("x-api-key").doesNotContainValue(SECRET);
  }

  @Test
  void credentials_do_not_follow_a_redirect_to_another_origin() throws Exception {
    upstream.answer(exchange -> LoopbackServer.redirect(exchange, 302, stranger.url("/bucket/a.mp3?X-Amz-Signature=s")));
    stranger.answer(exchange -> LoopbackServer.respond(exchange, 200, "ID3"));
    EgressHttpClient client = root.newBuilder().baseUrl(upstream.url("")).bearer(() -> SECRET).build();

    client.download(client.newRequest("GET", "/v1/assets/1").build(), dir.resolve("a.mp3"), 1024);

    assertThat(upstream.takeRequest().headers()).containsEntry("authorization", "Bearer " + SECRET);
    assertThat(stranger.takeRequest().headers()).doesNotContainKey("authorization");
  }

  @Test
  void the_secret_appears_in_no_log_line_message_or_description() throws Exception {
    int closed = FaultServer.closedPort();
    EgressHttpClient client = root.newBuilder().baseUrl("http://127.0.0.1:" + closed).bearer(() -> SECRET).build();
    EgressRequest request = client.newRequest("POST", "/v1/generate").jsonBody(JsonNodeFactory.instance.objectNode()).header("X-Trace", SECRET).build();

    assertThatThrownBy(() -> client.sendJson(request)).isInstanceOf(EgressNetworkException.class).message().doesNotContain(SECRET);
    upstream.answer(exchange -> LoopbackServer.respond(exchange, 200, "{}"));
    root.newBuilder().baseUrl(upstream.url("")).bearer(() -> SECRET).build().getJson("/v1/ok");

    String logs = String.join("\n", appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(logs).contains("POST http://127.0.0.1:" + closed + "/v1/generate").contains("GET " + upstream.url("/v1/ok")).doesNotContain(SECRET);
    assertThat(List.of(request.toString(), request.headers().toString(), client.interceptors().toString())).allSatisfy(s -> assertThat(s).doesNotContain(SECRET));
    assertThat(AuthInterceptor.bearer("https://api.test", () -> SECRET).toString()).isEqualTo("AuthInterceptor(Authorization for https://api.test:443)");
  }

  @Test
  void an_empty_credential_fails_before_sending() {
    EgressHttpClient client = root.newBuilder().baseUrl(upstream.url("")).bearer(() -> "").build();

    assertThatThrownBy(() -> client.getJson("/v1/x")).isInstanceOf(IllegalStateException.class)
        .hasMessage("the Authorization value for http://127.0.0.1:" + upstream.port() + " is empty");
    assertThat(upstream.requestCount()).isZero();
  }

  @Test
  void auth_without_a_base_url_is_refused_when_the_client_is_built() {
    assertThatThrownBy(() -> root.newBuilder().bearer(() -> SECRET).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("auth needs a baseUrl: credentials are sent only to its origin");
  }
}
