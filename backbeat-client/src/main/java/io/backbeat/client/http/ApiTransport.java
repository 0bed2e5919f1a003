package io.backbeat.client.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One Backbeat server at one base URL with one API key: JSON calls with bearer auth, a fresh
 * {@code Idempotency-Key} per create (kept across that call's retries), and the retry policy.
 */
public final class ApiTransport {
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUrl;
  private final String authorization;
  private final HttpClient http;
  private final RetryPolicy retries;
  private final Duration requestTimeout;
  private final Supplier<String> idempotencyKeys;

  public ApiTransport(URI baseUrl, String apiKey, HttpClient http, RetryPolicy retries, Duration requestTimeout, Supplier<String> idempotencyKeys) {
    String base = requireNonNull(baseUrl, "baseUrl is null").toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.authorization = "Bearer " + requireNonNull(apiKey, "apiKey is null");
    this.http = requireNonNull(http, "http is null");
    this.retries = requireNonNull(retries, "retries is null");
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
    this.idempotencyKeys = requireNonNull(idempotencyKeys, "idempotencyKeys is null");
  }

  public static Supplier<String> randomKeys() {
    return () -> UUID.randomUUID().toString();
  }

  public ObjectMapper json() {
    return JSON;
  }

  public HttpClient http() {
    return http;
  }

  public URI uri(String pathAndQuery) {
    return URI.create(baseUrl + pathAndQuery);
  }

  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A GET: retried on the policy's answers (reads are always safe to repeat). */
  public ApiResponse get(String pathAndQuery) {
    return send(() -> request(pathAndQuery).GET(), Map.of());
  }

  /**
   * A POST that creates something: sent with a new idempotency key, or {@code idempotencyKey} when
   * the caller keeps its own (to retry across process restarts, say).
   */
  public ApiResponse create(String path, Object body, String idempotencyKey, Map<String, String> headers) {
    String key = idempotencyKey != null ? idempotencyKey : idempotencyKeys.get();
    byte[] bytes = bytes(body);
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put(IDEMPOTENCY_HEADER, key);
    return send(() -> request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), all);
  }

  /** A POST that changes state but creates nothing (a cancel): repeated as it is, no key. */
  public ApiResponse post(String path, Object body) {
    byte[] bytes = bytes(body);
    return send(() -> request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), Map.of());
  }

  /** The raw bytes at a path (a video's content), following no retries. */
  public InputStream download(String pathOrUrl) throws IOException, InterruptedException {
    URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : uri(pathOrUrl);
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).timeout(requestTimeout).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 != 2) {
      response.body().close();
      throw new ApiException(response.statusCode(), MissingNode.getInstance(), "GET " + uri.getPath() + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** A request to {@code path} with auth; for streams and other calls this class doesn't shape. */
  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", authorization).header("Accept", "application/json").timeout(requestTimeout);
  }

  private ApiResponse send(Supplier<HttpRequest.Builder> builder, Map<String, String> headers) {
    IOException lastFailure = null;
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder request = builder.get();
      headers.forEach(request::header);
      HttpRequest built = request.build();
      try {
        HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (RetryPolicy.retriable(status) && attempt < retries.attempts()) {
          pause(max(retries.delayBefore(attempt + 1), retryAfter(response)));
          continue;
        }
        JsonNode body = parse(response.body());
        if (status / 100 != 2) {
          throw new ApiException(status, body, built.method() + " " + built.uri().getPath() + " answered " + status + describe(body));
        }
        return new ApiResponse(status, body);
      } catch (IOException e) {
        lastFailure = e;
        if (attempt >= retries.attempts()) {
          throw new java.io.UncheckedIOException(built.method() + " " + built.uri().getPath() + " failed after " + attempt + " attempts", lastFailure);
        }
        pause(retries.delayBefore(attempt + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static String describe(JsonNode body) {
    for (String field : new String[] {"msg", "message"}) {
      if (body.path(field).isTextual()) {
        return ": " + body.path(field).asText();
      }
    }
    JsonNode error = body.path("error");
    if (error.path("message").isTextual()) {
      return ": " + error.path("message").asText();
    }
    return "";
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    try {
      return header.map(value -> Duration.ofSeconds(Long.parseLong(value.strip()))).orElse(Duration.ZERO);
    } catch (NumberFormatException e) {
      return Duration.ZERO; // an HTTP date: the policy's own delay is used
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static byte[] bytes(Object body) {
    try {
      return body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("body cannot be written as JSON", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
