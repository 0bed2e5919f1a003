package io.backbeat.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.core.account.AccountService;
import io.backbeat.server.BackbeatApp;
import io.backbeat.server.Extensions;
import io.backbeat.server.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The real Backbeat server on a random loopback port with its own data folder, plus an account and
 * a key, and a plain HTTP client. Callbacks may reach loopback; webhook retries are fast.
 */
public final class TestServer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final BackbeatApp app;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public final String apiKey;
  public final String accountId;

  private TestServer(Map<String, String> env, Extensions extensions) throws IOException {
    this.dataDir = Files.createTempDirectory("backbeat-test");
    Map<String, String> all = new HashMap<>();
    all.put("BACKBEAT_PORT", "0");
    all.put("BACKBEAT_HOST", "127.0.0.1");
    all.put("BACKBEAT_DATA", dataDir.toString());
    all.put("BACKBEAT_EGRESS_ALLOW_PRIVATE", "true");
    all.put("BACKBEAT_WEBHOOK_RETRY_SCHEDULE", "200ms,400ms,800ms");
    all.put("BACKBEAT_WEBHOOK_TIMEOUT", "2s");
    all.putAll(env);
    this.app = BackbeatApp.create(ConfigLoader.load(all, dataDir), extensions).start();
    AccountService.CreatedKey key = app.accounts().createAccount("test-" + dataDir.getFileName(), false);
    this.apiKey = key.plaintext();
    this.accountId = key.account().id();
  }

  public static TestServer start() throws IOException {
    return new TestServer(Map.of(), Extensions.NONE);
  }

  public static TestServer start(Map<String, String> env) throws IOException {
    return new TestServer(env, Extensions.NONE);
  }

  /** A server with extra providers and dialects, as code embedding Backbeat adds them. */
  public static TestServer start(Map<String, String> env, Extensions extensions) throws IOException {
    return new TestServer(env, extensions);
  }

  public HttpResponse<String> post(String path, String json, String key, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    headers.forEach(request::header);
    return send(request.build());
  }

  public BackbeatApp app() {
    return app;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + app.port() + path;
  }

  /** A second account's key, to prove isolation. */
  public String newAccountKey(String name) {
    return app.accounts().createAccount(name, false).plaintext();
  }

  /** A metered account with {@code credits}; returns its key. */
  public String newMeteredAccountKey(String name, long credits) {
    AccountService.CreatedKey created = app.accounts().createAccount(name, false);
    new io.backbeat.core.billing.CreditService(app.database().transactor(), java.time.InstantSource.system())
        .topUpOrMeter(created.account().id(), credits);
    return created.plaintext();
  }

  public HttpResponse<String> post(String path, String json) {
    return post(path, json, apiKey);
  }

  public HttpResponse<String> post(String path, String json, String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  public HttpResponse<String> get(String path) {
    return get(path, apiKey);
  }

  public HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client() {
    return client;
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** Polls {@code path} until {@code done} holds for its JSON, or fails after {@code timeout}. */
  public JsonNode pollUntil(String path, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
    return pollUntil(path, done, timeout, apiKey);
  }

  public JsonNode pollUntil(String path, Predicate<JsonNode> done, Duration timeout, String key) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = json(get(path, key));
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(250); // within the default poll limit
    }
    throw new AssertionError("condition not reached within " + timeout + "; last answer: " + last);
  }

  public String webhookSecret() {
    return json(get("/v1/account")).path("webhookSecret").asText();
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    app.close();
  }
}
