package io.backbeat.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a loopback address for tests, in the style of OkHttp's MockWebServer: every
 * request is recorded ({@link #takeRequest()}), and one handler answers them all.
 */
final class LoopbackServer implements AutoCloseable {
  /** What the server received. Header names are lower case; values are the first of each name. */
  record RecordedRequest(String method, String target, Map<String, String> headers, byte[] body) {}

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
  private volatile Handler handler = exchange -> respond(exchange, 200, "ok");

  private LoopbackServer(InetAddress address, int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::record);
    server.start();
  }

  static LoopbackServer start() {
    return on("127.0.0.1");
  }

  static LoopbackServer on(String address) {
    return on(address, 0);
  }

  static LoopbackServer on(String address, int port) {
    return new LoopbackServer(TestResolver.ip(address), port);
  }

  LoopbackServer answer(Handler h) {
    this.handler = h;
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://<address>:<port><path>}. */
  String url(String path) {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + path;
  }

  /** {@code http://<name>:<port><path>}, for a name a test resolver maps to this server. */
  String url(String name, String path) {
    return "http://" + name + ":" + port() + path;
  }

  RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest r = requests.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request arrived within 10 s");
    }
    return r;
  }

  int requestCount() {
    return requests.size();
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  private void record(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
    try {
      handler.handle(exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  static void redirect(HttpExchange exchange, int status, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
