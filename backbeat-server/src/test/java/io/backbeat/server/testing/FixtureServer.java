package io.backbeat.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that serves test uploads: files with a chosen {@code Content-Type},
 * redirects, a body that declares more than it sends, and an endless body. Counts requests per path.
 */
public final class FixtureServer implements AutoCloseable {
  private interface Responder {
    void respond(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Responder> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  public FixtureServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Responder responder = routes.get(path);
            if (responder == null) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            responder.respond(exchange);
          } catch (IOException e) {
            // the client hung up (a refused body): nothing to do
          }
        });
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Serves {@code file} at {@code path}, with its length. */
  public FixtureServer file(String path, Path file, String contentType) {
    routes.put(path, exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, Files.size(file));
      try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    });
    return this;
  }

  public FixtureServer bytes(String path, byte[] body, String contentType) {
    routes.put(path, exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    return this;
  }

  public FixtureServer redirect(String path, String location) {
    routes.put(path, exchange -> {
      exchange.getResponseHeaders().set("Location", location);
      exchange.sendResponseHeaders(302, -1);
    });
    return this;
  }

  /** Declares a body of {@code declaredBytes} (refused on its header alone) and sends a little of it. */
  public FixtureServer declaresLength(String path, long declaredBytes, String contentType) {
    routes.put(path, exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, declaredBytes);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(new byte[4096]);
        out.flush();
      }
    });
    return this;
  }

  /** A chunked body with no declared length that goes on for {@code bytes} (or until the client stops reading). */
  public FixtureServer streams(String path, long bytes, String contentType) {
    routes.put(path, exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 * 1024];
      try (OutputStream out = exchange.getResponseBody()) {
        for (long sent = 0; sent < bytes; sent += chunk.length) {
          out.write(chunk);
        }
      }
    });
    return this;
  }

  public int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /** A loopback port nothing listens on (bound, then released). */
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
