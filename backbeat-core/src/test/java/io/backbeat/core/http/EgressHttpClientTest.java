package io.backbeat.core.http;

import static io.backbeat.core.http.LoopbackServer.redirect;
import static io.backbeat.core.http.LoopbackServer.respond;
import static io.backbeat.core.http.TestResolver.ip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.http.LoopbackServer.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EgressHttpClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String REFUSED = "; such targets are refused";

  @TempDir Path dir;

  private final LoopbackServer server = LoopbackServer.start();

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** The production client with the switch on, as a self-hosted gateway with a local receiver runs it. */
  private static EgressHttpClient openClient() {
    return new EgressHttpClient(EgressPolicy.defaults(true));
  }

  /** The default policy (private refused) with a test resolver and only the given addresses exempt. */
  private static EgressHttpClient guardedClient(TestResolver resolver, Predicate<InetAddress> exempt) {
    return new EgressHttpClient(new EgressGuard(EgressPolicy.defaults(false), resolver, exempt));
  }

  // ---- POST ----

  @Test
  void post_delivers_the_exact_body_and_headers_and_returns_status_and_excerpt() throws Exception {
    server.answer(exchange -> respond(exchange, 202, "{\"received\":true}"));
    byte[] body = "{\"code\":200,\"msg\":\"ok\",\"data\":{\"title\":\"Überschall ♪\"}}".getBytes(UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("user-agent", "Backbeat-Webhooks/1");
    headers.put("webhook-id", "msg_2mQ4");
    headers.put("webhook-timestamp", "1760000000");
    headers.put("webhook-signature", "v1,abc=");

    EgressHttpClient.Response response;
    try (EgressHttpClient client = openClient()) {
      response = client.post("callBackUrl", server.url("/hooks/suno?token=t"), headers, body, TIMEOUT);
    }

    assertThat(response).isEqualTo(new EgressHttpClient.Response(202, "{\"received\":true}"));
    RecordedRequest received = server.takeRequest();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.target()).isEqualTo("/hooks/suno?token=t");
    assertThat(received.body()).isEqualTo(body);
    assertThat(received.headers())
        .containsEntry("content-type", "application/json")
        .containsEntry("user-agent", "Backbeat-Webhooks/1")
        .containsEntry("webhook-id", "msg_2mQ4")
        .containsEntry("webhook-timestamp", "1760000000")
        .containsEntry("webhook-signature", "v1,abc=")
        .containsEntry("content-length", Integer.toString(body.length))
        .doesNotContainKeys("accept-encoding", "cookie");
  }

  @Test
  void post_keeps_only_the_first_kib_of_the_answer() throws Exception {
    String answer = "a".repeat(1000) + "b".repeat(100) + "TAIL";
    server.answer(exchange -> respond(exchange, 500, answer));

    EgressHttpClient.Response response;
    try (EgressHttpClient client = openClient()) {
      response = client.post(server.url("/"), Map.of(), new byte[0], TIMEOUT);
    }

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.excerpt()).hasSize(EgressHttpClient.EXCERPT_BYTES).isEqualTo(answer.substring(0, 1024));
  }

  @Test
  void post_to_a_slow_receiver_times_out() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answer(exchange -> {
      release.await(); // answers only once the client has given up
      respond(exchange, 200, "too late");
    });

    long start = System.nanoTime();
    try (EgressHttpClient client = openClient()) {
      assertThatThrownBy(() -> client.post("callBackUrl", server.url("/slow?token=secret"), Map.of(), new byte[] {1}, Duration.ofMillis(300)))
          .isInstanceOf(EgressTimeoutException.class)
          .hasMessage("callBackUrl did not answer within 300 ms (" + server.url("/slow") + ")")
          .satisfies(e -> assertThat(((EgressException) e).retryable()).isTrue())
          .satisfies(e -> assertThat(((EgressException) e).classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE));
    } finally {
      release.countDown();
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void post_with_a_huge_answer_is_cut_at_the_limit() throws Exception {
    long endless = 256L * 1024 * 1024;
    CompletableFuture<Long> written = new CompletableFuture<>();
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked, no length to go by
      byte[] chunk = "x".repeat(64 * 1024).getBytes(UTF_8);
      long sent = 0;
      try (OutputStream out = exchange.getResponseBody()) {
        while (sent < endless) {
          out.write(chunk);
          sent += chunk.length;
        }
      } catch (IOException e) {
        // the client hung up
      } finally {
        written.complete(sent);
      }
    });

    EgressHttpClient.Response response;
    long start = System.nanoTime();
    try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(true).withMaxResponseBytes(64 * 1024))) {
      response = client.post(server.url("/big"), Map.of(), new byte[0], TIMEOUT);
    }

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.excerpt()).isEqualTo("x".repeat(1024));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(written.get(10, TimeUnit.SECONDS)).isLessThan(endless);
  }

  @Test
  void post_does_not_follow_redirects() throws Exception {
    server.answer(exchange -> redirect(exchange, 307, "/elsewhere"));

    EgressHttpClient.Response response;
    try (EgressHttpClient client = openClient()) {
      response = client.post(server.url("/hook"), Map.of(), "{}".getBytes(UTF_8), TIMEOUT);
    }

    assertThat(response.status()).isEqualTo(307);
    assertThat(server.takeRequest().target()).isEqualTo("/hook");
    // a followed redirect would have been sent and answered before post() returned
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void post_with_the_default_policy_refuses_a_loopback_receiver_without_connecting() throws Exception {
    try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(false))) {
      assertThatThrownBy(() -> client.post("callBackUrl", server.url("/hook"), Map.of(), new byte[0], TIMEOUT))
          .isInstanceOf(EgressDeniedException.class)
          .hasMessage("callBackUrl resolves to a loopback address (127.0.0.1)" + REFUSED)
          .satisfies(e -> assertThat(((EgressException) e).classification()).isEqualTo(SendClassification.NOT_SENT));
    }

    // refused before any connection: nothing can arrive after post() returned
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void post_to_a_closed_port_is_a_network_error_not_a_denial() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, ip("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }

    try (EgressHttpClient client = openClient()) {
      assertThatThrownBy(() -> client.post("callBackUrl", "http://127.0.0.1:" + closedPort + "/hook?k=v", Map.of(), new byte[0], TIMEOUT))
          .isInstanceOf(EgressNetworkException.class)
          .isNotInstanceOf(EgressDeniedException.class)
          .hasMessageStartingWith("callBackUrl could not be reached (http://127.0.0.1:" + closedPort + "/hook)")
          .satisfies(e -> assertThat(((EgressException) e).classification()).isEqualTo(SendClassification.NOT_SENT));
    }
  }

  @Test
  void framing_headers_cannot_be_set_by_callers() {
    try (EgressHttpClient client = openClient()) {
      assertThatThrownBy(() -> client.post(server.url("/"), Map.of("Host", "internal"), new byte[0], TIMEOUT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("header Host is set by the client itself");
      assertThatThrownBy(() -> client.post(server.url("/"), Map.of("Transfer-Encoding", "chunked"), new byte[0], TIMEOUT))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  // ---- pinning ----

  @Test
  void the_connection_goes_to_the_checked_address_and_keeps_the_original_host_header() throws Exception {
    TestResolver resolver = TestResolver.of(Map.of("pinned.test", List.of(ip("127.0.0.1"))));

    try (EgressHttpClient client = guardedClient(resolver, ip("127.0.0.1")::equals)) {
      assertThat(client.post(server.url("pinned.test", "/one"), Map.of(), new byte[0], TIMEOUT).status()).isEqualTo(200);
      assertThat(resolver.calls("pinned.test")).isEqualTo(1);
      assertThat(client.post(server.url("pinned.test", "/two"), Map.of(), new byte[0], TIMEOUT).status()).isEqualTo(200);
      assertThat(resolver.calls("pinned.test")).isEqualTo(2);
    }

    // pinned.test exists in no DNS: the server was reached only through the pinned address
    RecordedRequest first = server.takeRequest();
    assertThat(first.target()).isEqualTo("/one");
    assertThat(first.headers()).containsEntry("host", "pinned.test:" + server.port());
    assertThat(server.takeRequest().target()).isEqualTo("/two");
  }

  @Test
  void a_dns_answer_that_changes_after_the_check_is_never_connected_to() throws Exception {
    // rebind.test answers a harmless address first and the internal one afterwards
    AtomicInteger lookups = new AtomicInteger();
    TestResolver resolver =
        TestResolver.of(host -> host.equals("rebind.test")
            ? List.of(ip(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2"))
            : null);

    try (LoopbackServer internal = LoopbackServer.on("127.0.0.2", server.port());
        EgressHttpClient client = guardedClient(resolver, ip("127.0.0.1")::equals)) {
      assertThat(client.post(server.url("rebind.test", "/hook"), Map.of(), new byte[0], TIMEOUT).status()).isEqualTo(200);

      assertThat(lookups.get()).isEqualTo(1);
      assertThat(server.takeRequest().target()).isEqualTo("/hook");
      assertThat(internal.requestCount()).isZero();
    }
  }

  // ---- downloads ----

  @Test
  void download_stores_the_exact_bytes() throws Exception {
    byte[] audio = new byte[300 * 1024];
    new Random(7).nextBytes(audio);
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, audio.length);
      exchange.getResponseBody().write(audio);
    });
    Path target = dir.resolve("upload.mp3");

    Download download;
    try (EgressHttpClient client = openClient()) {
      download = client.download("uploadUrl", server.url("/a.mp3?sig=1"), target, 1024 * 1024, TIMEOUT);
    }

    assertThat(Files.readAllBytes(target)).isEqualTo(audio);
    assertThat(download.bytes()).isEqualTo(audio.length);
    assertThat(download.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio)));
    assertThat(server.takeRequest().method()).isEqualTo("GET");
    assertThat(filesIn(dir)).containsExactly("upload.mp3");
  }

  @Test
  void download_follows_redirects_and_checks_every_hop() throws Exception {
    server.answer(exchange -> {
      switch (exchange.getRequestURI().getPath()) {
        case "/start" -> redirect(exchange, 302, server.url("cdn.test", "/file"));
        case "/file" -> redirect(exchange, 301, "/final.mp3");
        default -> respond(exchange, 200, "ID3 audio");
      }
    });
    TestResolver resolver =
        TestResolver.of(Map.of("public.test", List.of(ip("127.0.0.1")), "cdn.test", List.of(ip("127.0.0.1"))));
    Path target = dir.resolve("a.mp3");

    try (EgressHttpClient client = guardedClient(resolver, ip("127.0.0.1")::equals)) {
      client.download("uploadUrl", server.url("public.test", "/start"), target, 1024, TIMEOUT);
    }

    assertThat(Files.readString(target)).isEqualTo("ID3 audio");
    assertThat(Stream.of(server.takeRequest(), server.takeRequest(), server.takeRequest()).map(RecordedRequest::target))
        .containsExactly("/start", "/file", "/final.mp3");
    assertThat(resolver.calls("public.test")).isEqualTo(1);
    assertThat(resolver.calls("cdn.test")).isEqualTo(2);
  }

  @Test
  void a_redirect_to_a_forbidden_address_is_refused_before_connecting() throws Exception {
    try (LoopbackServer internal = LoopbackServer.on("127.0.0.2")) {
      server.answer(exchange -> redirect(exchange, 302, internal.url("internal.test", "/secret")));
      TestResolver resolver =
          TestResolver.of(Map.of("public.test", List.of(ip("127.0.0.1")), "internal.test", List.of(ip("127.0.0.2"))));
      Path target = dir.resolve("a.mp3");

      try (EgressHttpClient client = guardedClient(resolver, ip("127.0.0.1")::equals)) {
        assertThatThrownBy(() -> client.download("uploadUrl", server.url("public.test", "/start"), target, 1024, TIMEOUT))
            .isInstanceOf(EgressDeniedException.class)
            .hasMessage("uploadUrl redirect resolves to a loopback address (127.0.0.2)" + REFUSED);
      }

      assertThat(server.takeRequest().target()).isEqualTo("/start");
      assertThat(internal.requestCount()).isZero();
      assertThat(target).doesNotExist();
    }
  }

  @Test
  void the_same_redirect_is_followed_when_its_target_is_allowed() throws Exception {
    // the control for the test above: without the check, the internal server would have been reached
    try (LoopbackServer internal = LoopbackServer.on("127.0.0.2")) {
      internal.answer(exchange -> respond(exchange, 200, "internal secret"));
      server.answer(exchange -> redirect(exchange, 302, internal.url("internal.test", "/secret")));
      TestResolver resolver =
          TestResolver.of(Map.of("public.test", List.of(ip("127.0.0.1")), "internal.test", List.of(ip("127.0.0.2"))));
      Path target = dir.resolve("a.mp3");

      try (EgressHttpClient client = guardedClient(resolver, a -> a.isLoopbackAddress())) {
        client.download("uploadUrl", server.url("public.test", "/start"), target, 1024, TIMEOUT);
      }

      assertThat(internal.takeRequest().target()).isEqualTo("/secret");
      assertThat(Files.readString(target)).isEqualTo("internal secret");
    }
  }

  @Test
  void a_redirect_to_the_metadata_service_or_a_file_url_is_refused() throws Exception {
    server.answer(exchange -> redirect(exchange, 302,
        exchange.getRequestURI().getPath().equals("/meta") ? "http://169.254.169.254/latest/meta-data/iam" : "file:///etc/passwd"));
    TestResolver resolver = TestResolver.of(Map.of("public.test", List.of(ip("127.0.0.1"))));

    try (EgressHttpClient client = guardedClient(resolver, ip("127.0.0.1")::equals)) {
      assertThatThrownBy(() -> client.download("uploadUrl", server.url("public.test", "/meta"), dir.resolve("a"), 1024, TIMEOUT))
          .isInstanceOf(EgressDeniedException.class)
          .hasMessage("uploadUrl redirect resolves to a link-local address (169.254.169.254)" + REFUSED);
      assertThatThrownBy(() -> client.download("uploadUrl", server.url("public.test", "/file"), dir.resolve("b"), 1024, TIMEOUT))
          .isInstanceOf(EgressDeniedException.class)
          .hasMessage("uploadUrl redirect must be an http or https URL");
    }
  }

  @Test
  void too_many_redirects_are_refused() throws Exception {
    server.answer(exchange -> {
      int hop = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
      redirect(exchange, 302, "/" + (hop + 1));
    });

    try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(true).withMaxRedirects(2))) {
      assertThatThrownBy(() -> client.download("uploadUrl", server.url("/0"), dir.resolve("a"), 1024, TIMEOUT))
          .isInstanceOf(EgressLimitException.class)
          .hasMessage("uploadUrl redirected more than 2 times (last hop: " + server.url("/2") + ")");
    }

    assertThat(Stream.of(server.takeRequest(), server.takeRequest(), server.takeRequest()).map(RecordedRequest::target))
        .containsExactly("/0", "/1", "/2");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void a_failed_status_throws_and_leaves_an_existing_target_untouched() throws Exception {
    server.answer(exchange -> respond(exchange, 404, "not here"));
    Path target = Files.writeString(dir.resolve("a.mp3"), "previous");

    try (EgressHttpClient client = openClient()) {
      assertThatThrownBy(() -> client.download("uploadUrl", server.url("/missing.mp3?token=secret"), target, 1024, TIMEOUT))
          .isInstanceOfSatisfying(EgressStatusException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.status()).hasValue(404);
            assertThat(e.retryable()).isFalse();
            assertThat(e.classification()).isEqualTo(SendClassification.RESPONSE);
          })
          .hasMessage("uploadUrl answered HTTP 404 (" + server.url("/missing.mp3") + ")");
    }

    assertThat(Files.readString(target)).isEqualTo("previous");
    assertThat(filesIn(dir)).containsExactly("a.mp3");
  }

  @Test
  void a_download_larger_than_its_declared_limit_is_refused() throws Exception {
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 2 * 1024 * 1024);
      exchange.getResponseBody().write(new byte[2 * 1024 * 1024]);
    });
    Path target = dir.resolve("a.mp3");

    try (EgressHttpClient client = openClient()) {
      assertThatThrownBy(() -> client.download("uploadUrl", server.url("/big.mp3"), target, 1024 * 1024, TIMEOUT))
          .isInstanceOf(EgressLimitException.class)
          .hasMessage("uploadUrl response is larger than the limit of 1048576 bytes (" + server.url("/big.mp3") + ")");
    }

    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void a_streamed_download_is_cut_at_the_limit() throws Exception {
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: the size is only known by counting
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 64; i++) {
          out.write(new byte[64 * 1024]);
        }
      } catch (IOException e) {
        // the client hung up
      }
    });
    Path target = dir.resolve("a.mp3");

    try (EgressHttpClient client = openClient()) {
      assertThatThrownBy(() -> client.download("uploadUrl", server.url("/big.mp3"), target, 100_000, TIMEOUT))
          .isInstanceOf(EgressLimitException.class)
          .hasMessage("uploadUrl response is larger than the limit of 100000 bytes (" + server.url("/big.mp3") + ")");
    }

    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void a_download_that_trickles_past_its_timeout_fails_and_leaves_nothing() throws Exception {
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < 100; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(100); // pacing, not waiting: a trickle keeps idle timeouts from firing, only the total one can
      }
    });
    Path target = dir.resolve("a.mp3");

    long start = System.nanoTime();
    try (EgressHttpClient client = openClient()) {
      assertThatThrownBy(() -> client.download("uploadUrl", server.url("/slow.mp3"), target, 1024, Duration.ofMillis(700)))
          .isInstanceOf(EgressTimeoutException.class)
          .hasMessage("uploadUrl did not answer within 700 ms (" + server.url("/slow.mp3") + ")")
          .satisfies(e -> assertThat(((EgressException) e).classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE))
          .satisfies(e -> assertThat(((EgressException) e).status()).hasValue(200));
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void a_download_from_a_private_address_is_refused_by_the_default_policy() throws Exception {
    try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(false))) {
      assertThatThrownBy(() -> client.download("uploadUrl", server.url("/a.mp3"), dir.resolve("a"), 1024, TIMEOUT))
          .isInstanceOf(EgressDeniedException.class)
          .hasMessage("uploadUrl resolves to a loopback address (127.0.0.1)" + REFUSED);
    }

    // refused before any connection: nothing can arrive after download() returned
    assertThat(server.requestCount()).isZero();
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
