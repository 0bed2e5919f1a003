package io.backbeat.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP receiver on loopback that records every callback POST. Its answer status can be
 * scripted per request number (e.g. fail twice, then succeed).
 */
public final class CallbackReceiver implements AutoCloseable {
  /** One received request: lower-cased header names. */
  public record Received(String path, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
  private final List<Received> all = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile IntUnaryOperator statusForRequest = n -> 200;
  private volatile Duration delay = Duration.ZERO;

  public CallbackReceiver() throws IOException {
    this(0);
  }

  /** A receiver on a chosen port (to bring a receiver "back up" where callbacks were failing). */
  public CallbackReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Map<String, String> headers = new TreeMap<>();
          exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
          int n = count.incrementAndGet();
          Received received = new Received(exchange.getRequestURI().getPath(), headers, new String(body, StandardCharsets.UTF_8));
          all.add(received);
          queue.add(received);
          try {
            if (!delay.isZero()) {
              Thread.sleep(delay);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] answer = "{\"status\":\"received\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(statusForRequest.applyAsInt(n), answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers request number n (1-based) with the given status. */
  public void respondWith(IntUnaryOperator statusForRequestNumber) {
    this.statusForRequest = statusForRequestNumber;
  }

  public void delayAnswers(Duration delay) {
    this.delay = delay;
  }

  /** The next received request, waiting up to {@code timeout}; fails the test if none arrives. */
  public Received take(Duration timeout) throws InterruptedException {
    Received r = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("no callback arrived within " + timeout);
    }
    return r;
  }

  public List<Received> all() {
    return new ArrayList<>(all);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
