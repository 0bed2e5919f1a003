package io.backbeat.bench.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * The poll anchor: a bare JDK {@link HttpServer} on virtual threads that answers every GET with the
 * bytes of a real poll answer (read from a file) and {@code /readyz} with {@code ok}. Run as its own
 * process so its start-to-ready time and memory are measured like the server's.
 *
 * <pre>java -cp … io.backbeat.bench.server.BareServer PORT BODY_FILE</pre>
 */
public final class BareServer {
  private BareServer() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    byte[] body = args.length > 1 ? Files.readAllBytes(Path.of(args[1])) : "{}".getBytes();
    byte[] ok = "ok".getBytes();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/readyz", exchange -> {
      exchange.sendResponseHeaders(200, ok.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(ok);
      }
    });
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }
}
