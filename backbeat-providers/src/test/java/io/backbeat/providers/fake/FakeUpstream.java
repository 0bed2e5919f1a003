package io.backbeat.providers.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every fake upstream shares: a real HTTP server on loopback, time from the test's settable
 * clock (jobs progress as the test moves it), fault injection from a seeded random, output files
 * served under signed, expiring URLs (and deletable, to prove our copies outlive them), callbacks
 * queued and delivered when the test says so, and the counts the tests assert on: jobs created per
 * our task (the one number that must never exceed one).
 */
public abstract class FakeUpstream implements AutoCloseable {
  protected static final ObjectMapper JSON = new ObjectMapper();

  /** How long a URL handed out for an output file stays valid (upstream signed URLs live hours; a test needs less). */
  public static final Duration URL_LIFETIME = Duration.ofMinutes(10);

  protected final InstantSource clock;
  protected final Random random;
  protected volatile Faults faults;
  /** How long a slow answer takes: longer than the client's timeout. */
  protected volatile Duration slowness = Duration.ofMillis(700);
  /** One "second" of a job's life: real-time tests shrink it, settable-clock tests keep 1 s. */
  private volatile Duration jobUnit = Duration.ofSeconds(1);
  private volatile boolean holding;
  /** A real file to serve for every video output made from now on (null: random bytes, as for every other output). */
  private volatile byte[] videoFile;

  private final HttpServer server;
  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  private final Set<String> fileHashes = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> jobsByTask = new ConcurrentHashMap<>();
  private final Map<String, String> jobOutcomes = new ConcurrentHashMap<>();
  private final List<Callback> outbox = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger createRequests = new AtomicInteger();
  private final AtomicLong signatures = new AtomicLong();
  private final HttpClient callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  record StoredFile(byte[] bytes, String contentType) {}

  /** A callback waiting to be sent: the URL the upstream was given and the body. */
  public record Callback(String jobId, String url, String body) {}

  protected FakeUpstream(InstantSource clock, long seed, Faults faults) throws IOException {
    this.clock = clock;
    this.random = new Random(seed);
    this.faults = faults;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      try {
        requests.incrementAndGet();
        if (exchange.getRequestURI().getPath().startsWith("/files/")) {
          serveFile(exchange);
        } else {
          handle(exchange, exchange.getRequestURI().getPath(), exchange.getRequestBody().readAllBytes());
        }
      } catch (RuntimeException | IOException e) {
        try {
          send(exchange, 500, "{\"error\":\"fake upstream bug: " + e.getClass().getSimpleName() + "\"}");
        } catch (IOException ignored) {
          // the connection is gone
        }
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  /** Handles one API request (not a file). */
  protected abstract void handle(HttpExchange exchange, String path, byte[] body) throws IOException;

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void faults(Faults faults) {
    this.faults = faults;
  }

  public int requests() {
    return requests.get();
  }

  public int createRequests() {
    return createRequests.get();
  }

  /** Jobs this upstream created for each of our tasks (by the task id its request carried). */
  public Map<String, Integer> jobsByTask() {
    Map<String, Integer> copy = new java.util.TreeMap<>();
    jobsByTask.forEach((task, n) -> copy.put(task, n.get()));
    return copy;
  }

  public int jobsFor(String taskId) {
    AtomicInteger n = jobsByTask.get(taskId);
    return n == null ? 0 : n.get();
  }

  /** How each job ended upstream ("succeeded" = billed, "failed"), by our task id. */
  public Map<String, String> outcomes() {
    return Map.copyOf(jobOutcomes);
  }

  /** The SHA-256 of every output file this upstream ever made. */
  public Set<String> fileHashes() {
    return Set.copyOf(fileHashes);
  }

  /** The upstream's copies are gone (retention ran out): every file URL answers 404 from now on. */
  public void deleteAllFiles() {
    files.clear();
  }

  /** While held, no job ends: each stays running however old it is (to see a task pending on a real clock). */
  public void hold(boolean hold) {
    this.holding = hold;
  }

  // ---- for subclasses ----

  /** Whether a job of this age, due to end after {@code doneAfter}, has ended. */
  protected boolean ended(Duration age, Duration doneAfter) {
    return !holding && age.compareTo(doneAfter) >= 0;
  }

  /** Jobs created from now on live {@code unit} per second of their normal timeline. */
  protected void jobUnit(Duration unit) {
    this.jobUnit = unit;
  }

  /** {@code seconds} of a job's normal timeline, in the current unit (read once, when the job is made). */
  protected Duration jobSeconds(long seconds) {
    return jobUnit.multipliedBy(seconds);
  }

  protected void countCreateRequest() {
    createRequests.incrementAndGet();
  }

  /** Records that a job was created for our task (the exactly-once count). */
  protected void jobCreated(String taskId) {
    if (taskId != null) {
      jobsByTask.computeIfAbsent(taskId, t -> new AtomicInteger()).incrementAndGet();
    }
  }

  protected void jobEnded(String taskId, boolean succeeded) {
    if (taskId != null) {
      jobOutcomes.put(taskId, succeeded ? "succeeded" : "failed");
    }
  }

  protected Faults.RequestFault drawFault() {
    synchronized (random) {
      return faults.draw(random);
    }
  }

  protected boolean chance(double p) {
    synchronized (random) {
      return random.nextDouble() < p;
    }
  }

  protected int nextInt(int bound) {
    synchronized (random) {
      return random.nextInt(bound);
    }
  }

  /** Serves {@code mp4} (a decodable video) as every video output made from now on; null goes back to random bytes. */
  public void videoFile(byte[] mp4) {
    this.videoFile = mp4 == null ? null : mp4.clone();
  }

  /** Makes an output file (random bytes of a plausible size, or the {@link #videoFile} for a video) and returns its name. */
  protected String makeFile(String name, String contentType) {
    byte[] video = videoFile;
    byte[] bytes;
    if (video != null && contentType.startsWith("video/")) {
      bytes = video;
    } else {
      bytes = new byte[256 + nextInt(4096)];
      synchronized (random) {
        random.nextBytes(bytes);
      }
    }
    files.put(name, new StoredFile(bytes, contentType));
    fileHashes.add(sha256(bytes));
    return name;
  }

  /** A signed URL of a file, valid for {@link #URL_LIFETIME}; already expired when the fault strikes. */
  protected String fileUrl(String name) {
    Instant expires = chance(faults.expiredUrl()) ? clock.instant().minusSeconds(1) : clock.instant().plus(URL_LIFETIME);
    return baseUrl() + "/files/" + name + "?Expires=" + expires.getEpochSecond() + "&Signature=sig" + signatures.incrementAndGet();
  }

  private void serveFile(HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/files/".length());
    String query = exchange.getRequestURI().getRawQuery();
    long expires = Long.MAX_VALUE;
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("Expires=")) {
          expires = Long.parseLong(part.substring("Expires=".length()));
        }
      }
    }
    if (clock.instant().getEpochSecond() > expires) {
      send(exchange, 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
      return;
    }
    StoredFile file = files.get(name);
    if (file == null) {
      send(exchange, 404, "not found");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", file.contentType());
    exchange.sendResponseHeaders(200, file.bytes().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(file.bytes());
    }
  }

  // ---- answers, with the request faults applied ----

  /**
   * Answers a request, unless a fault strikes: {@code effect} runs first when the fault lets the
   * upstream act (none, slow, dropped, malformed), and not at all when it refuses (429, 503, 500).
   * Returns the fault, so a subclass knows whether it acted.
   */
  protected Faults.RequestFault answer(HttpExchange exchange, Runnable effect, java.util.function.Supplier<String> body) throws IOException {
    Faults.RequestFault fault = drawFault();
    switch (fault) {
      case TOO_MANY -> {
        exchange.getResponseHeaders().set("Retry-After", "1");
        send(exchange, 429, tooManyBody());
      }
      case UNAVAILABLE -> send(exchange, 503, unavailableBody());
      case SERVER_ERROR -> send(exchange, 500, serverErrorBody());
      case SLOW -> {
        effect.run();
        String answer = body.get();
        sleep(slowness);
        send(exchange, 200, answer);
      }
      case DROP_AFTER_ACCEPT -> {
        effect.run();
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length + 100L);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, Math.min(5, bytes.length));
        out.flush();
        // closing now leaves the answer short of its length: the client sees the connection die
      }
      case MALFORMED -> {
        effect.run();
        send(exchange, 200, "{\"code\": 200, \"data\": {\"task");
      }
      case NONE -> {
        effect.run();
        send(exchange, 200, body.get());
      }
    }
    return fault;
  }

  protected String tooManyBody() {
    return "{\"code\":429,\"msg\":\"rate limited\"}";
  }

  protected String unavailableBody() {
    return "{\"code\":503,\"msg\":\"unavailable\"}";
  }

  protected String serverErrorBody() {
    return "{\"code\":500,\"msg\":\"server error\"}";
  }

  protected static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  protected static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  protected static String query(HttpExchange exchange, String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return null;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Our task id from a callback URL ({@code …/callbacks/<channel>/<task id>/<token>}), or null. */
  protected static String taskIdOfCallbackUrl(String url) {
    if (url == null) {
      return null;
    }
    String[] parts = URI.create(url).getPath().split("/");
    for (int i = 0; i < parts.length - 2; i++) {
      if (parts[i].equals("callbacks")) {
        return parts[i + 2];
      }
    }
    return null;
  }

  // ---- callbacks ----

  /** Queues the callbacks of one event of a job, with the callback faults applied. */
  protected void callBack(String jobId, String url, String body) {
    if (url == null || url.isBlank() || chance(faults.dropCallback())) {
      return;
    }
    outbox.add(new Callback(jobId, url, body));
    if (chance(faults.duplicateCallback())) {
      outbox.add(new Callback(jobId, url, body));
    }
    if (chance(faults.wrongSecret())) {
      String forged = url.substring(0, url.lastIndexOf('/') + 1) + "AAAAAAAAAAAAAAAAAAAAAA";
      outbox.add(new Callback(jobId, forged, body));
    }
  }

  /** Sends every queued callback (in random order when the fault says so); returns the statuses. */
  public List<Integer> deliverCallbacks() {
    List<Callback> batch = new ArrayList<>(outbox);
    outbox.removeAll(batch);
    if (chance(faults.reorderCallbacks())) {
      synchronized (random) {
        Collections.shuffle(batch, random);
      }
    }
    List<Integer> statuses = new ArrayList<>();
    for (Callback callback : batch) {
      try {
        HttpResponse<Void> response =
            callbackClient.send(
                HttpRequest.newBuilder(URI.create(callback.url()))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(callback.body()))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        statuses.add(response.statusCode());
      } catch (IOException e) {
        statuses.add(0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return statuses;
      }
    }
    return statuses;
  }

  /** Delivers callbacks every {@code period} on its own thread (for tests on the real clock). */
  public FakeUpstream deliverEvery(Duration period) {
    Thread.ofVirtual().name("fake-callbacks").start(() -> {
      while (!closed) {
        deliverCallbacks();
        sleep(period);
      }
    });
    return this;
  }

  public int pendingCallbacks() {
    return outbox.size();
  }

  protected static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private volatile boolean closed;

  @Override
  public void close() {
    closed = true;
    server.stop(0);
  }
}
