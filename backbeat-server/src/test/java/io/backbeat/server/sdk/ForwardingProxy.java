package io.backbeat.server.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback reverse proxy in front of a real server that records every request and can misbehave
 * as networks do: drop an event stream after its first event, refuse event streams, or lose the
 * answer to a create after the server has handled it.
 */
final class ForwardingProxy implements AutoCloseable {
  enum Mode { PASS, DROP_FIRST_STREAM_AFTER_ONE_EVENT, REFUSE_STREAMS, LOSE_FIRST_CREATE_ANSWER }

  record Seen(String method, String path, String lastEventId, String idempotencyKey) {}

  private static final Set<String> SKIPPED_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "expect");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String target;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger streams = new AtomicInteger();
  private final AtomicInteger creates = new AtomicInteger();
  private volatile Mode mode = Mode.PASS;

  ForwardingProxy(String target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  List<Seen> seen() {
    return seen;
  }

  long count(String method, String pathSuffix) {
    return seen.stream().filter(s -> s.method().equals(method) && s.path().endsWith(pathSuffix)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    seen.add(new Seen(method, path, exchange.getRequestHeaders().getFirst("Last-Event-ID"), exchange.getRequestHeaders().getFirst("Idempotency-Key")));
    boolean stream = path.endsWith("/events");
    if (stream && mode == Mode.REFUSE_STREAMS) {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!SKIPPED_HEADERS.contains(name.toLowerCase())) {
        values.forEach(value -> forward.header(name, value));
      }
    });
    byte[] body = exchange.getRequestBody().readAllBytes();
    forward.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<InputStream> answer;
    try {
      answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (method.equals("POST") && !stream && mode == Mode.LOSE_FIRST_CREATE_ANSWER && creates.getAndIncrement() == 0) {
      answer.body().close(); // the server did the work; the client never hears of it
      exchange.sendResponseHeaders(502, -1);
      exchange.close();
      return;
    }
    answer.headers().map().forEach((name, values) -> {
      if (!SKIPPED_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    exchange.sendResponseHeaders(answer.statusCode(), 0);
    try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
      if (stream) {
        relayEvents(in, out, mode == Mode.DROP_FIRST_STREAM_AFTER_ONE_EVENT && streams.getAndIncrement() == 0);
      } else {
        in.transferTo(out);
      }
    }
  }

  /** Copies an event stream line by line; when {@code dropAfterOne}, ends it after the first event. */
  private static void relayEvents(InputStream in, OutputStream out, boolean dropAfterOne) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    boolean inEvent = false;
    String line;
    while ((line = reader.readLine()) != null) {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (line.startsWith("data:")) {
        inEvent = true;
      } else if (line.isEmpty() && inEvent) {
        inEvent = false;
        if (dropAfterOne) {
          in.close();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
