package io.backbeat.bench.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A loopback receiver of task callbacks: answers 200 and counts them, with the time of the last. */
final class CallbackReceiver implements AutoCloseable {
  private final HttpServer server;
  private final AtomicLong received = new AtomicLong();
  private volatile long lastNanos;

  CallbackReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      lastNanos = System.nanoTime();
      received.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
  }

  long received() {
    return received.get();
  }

  long lastNanos() {
    return lastNanos;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
