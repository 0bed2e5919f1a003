package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One outbound request, immutable: method, URL, headers, an optional body, the call's total timeout,
 * the largest answer it buffers, the name the user knows the URL by ({@code callBackUrl}, {@code
 * uploadUrl}; used in messages) and an optional channel (an upstream account, rate-limited as one).
 * Build one with {@link #builder(String, String)} or {@link EgressHttpClient#newRequest}; change one
 * with {@link #newBuilder()}. {@link #toString()} never shows header values, bodies or the query.
 */
public final class EgressRequest {
  /** Used when a request names no timeout: long enough for a slow upstream, short enough for a queue. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Used when a request names no limit: JSON answers of upstream APIs are far smaller. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;

  public static final String DEFAULT_FIELD = "url";

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
  /** Framing headers are the client's business; letting callers set them invites request smuggling. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String method;
  private final String url;
  private final Headers headers;
  private final byte[] body;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final String field;
  private final String channel;
  /** Set by {@link EgressGuardInterceptor} only: the checked addresses this request may connect to. */
  private final EgressGuard.Target pin;

  private EgressRequest(Builder b, EgressGuard.Target pin) {
    this.method = b.method;
    this.url = b.url;
    this.headers = b.headers;
    this.body = b.body;
    this.timeout = b.timeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.field = b.field;
    this.channel = b.channel;
    this.pin = pin;
  }

  public static Builder builder(String method, String url) {
    return new Builder().method(method).url(url);
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public String method() {
    return method;
  }

  /** The URL as given: absolute, not yet checked (the egress guard checks it on every hop). */
  public String url() {
    return url;
  }

  public Headers headers() {
    return headers;
  }

  /** A copy of the body, if the request has one. */
  public Optional<byte[]> body() {
    return body == null ? Optional.empty() : Optional.of(body.clone());
  }

  int bodyLength() {
    return body == null ? 0 : body.length;
  }

  byte[] bodyBytes() {
    return body;
  }

  /** For the whole call: resolution, connect, every redirect, and reading the answer. */
  public Duration timeout() {
    return timeout;
  }

  /** The most {@link EgressResponse#bytes()} reads into memory. */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The name the user knows this URL by, for messages. */
  public String field() {
    return field;
  }

  public Optional<String> channel() {
    return Optional.ofNullable(channel);
  }

  EgressGuard.Target pin() {
    return pin;
  }

  /** This request, allowed to connect to exactly the addresses of {@code target}. */
  EgressRequest pinnedTo(EgressGuard.Target target) {
    return new EgressRequest(new Builder(this), requireNonNull(target, "target is null"));
  }

  /** {@code POST https://host/path [channel suno]}: no query, no header values, no body. */
  @Override
  public String toString() {
    return method + " " + Redaction.url(url) + (channel == null ? "" : " [channel " + channel + "]");
  }

  /** Builds {@link EgressRequest}s; every setter checks its argument and names it when it refuses. */
  public static final class Builder {
    private String method;
    private String url;
    private Headers headers = Headers.EMPTY;
    private byte[] body;
    private Duration timeout = DEFAULT_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private String field = DEFAULT_FIELD;
    private String channel;

    private Builder() {}

    private Builder(EgressRequest r) {
      this.method = r.method;
      this.url = r.url;
      this.headers = r.headers;
      this.body = r.body;
      this.timeout = r.timeout;
      this.maxResponseBytes = r.maxResponseBytes;
      this.field = r.field;
      this.channel = r.channel;
    }

    /** GET, HEAD, POST, PUT, PATCH or DELETE. */
    public Builder method(String method) {
      requireNonNull(method, "method is null");
      String upper = method.toUpperCase(Locale.ROOT);
      if (!METHODS.contains(upper)) {
        throw new IllegalArgumentException("method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, was " + method);
      }
      this.method = upper;
      return this;
    }

    public Builder url(String url) {
      this.url = requireNonNull(url, "url is null");
      return this;
    }

    /** Sets {@code name} to exactly {@code value}. Framing headers ({@code Host}, {@code Content-Length}, …) are refused. */
    public Builder header(String name, String value) {
      requireNonNull(name, "header name is null");
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + name + " is set by the client itself");
      }
      headers = headers.with(name, value);
      return this;
    }

    /** Sets every header of {@code values}, as {@link #header} does one. */
    public Builder headers(Map<String, String> values) {
      requireNonNull(values, "headers is null");
      values.forEach(this::header);
      return this;
    }

    public Builder removeHeader(String name) {
      headers = headers.without(name);
      return this;
    }

    /** The body as given; {@code contentType} becomes the {@code Content-Type} header. */
    public Builder body(byte[] bytes, String contentType) {
      requireNonNull(contentType, "contentType is null");
      this.body = requireNonNull(bytes, "body is null").clone();
      return header("Content-Type", contentType);
    }

    /** The body as given, typed by a {@code Content-Type} header set separately (else {@code application/octet-stream}). */
    public Builder body(byte[] bytes) {
      this.body = requireNonNull(bytes, "body is null").clone();
      return this;
    }

    /** {@code json} serialised as the body, with {@code Content-Type: application/json}. */
    public Builder jsonBody(JsonNode json) {
      requireNonNull(json, "json is null");
      try {
        return body(JSON.writeValueAsString(json).getBytes(UTF_8), "application/json");
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("json cannot be serialised", e);
      }
    }

    public Builder noBody() {
      this.body = null;
      return removeHeader("Content-Type");
    }

    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout is null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive, was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    public Builder field(String field) {
      this.field = requireNonNull(field, "field is null");
      return this;
    }

    /** The channel to rate-limit this request on; {@code null} for none. */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    public EgressRequest build() {
      if (method == null) {
        throw new IllegalStateException("method is null");
      }
      if (url == null) {
        throw new IllegalStateException("url is null");
      }
      if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
        throw new IllegalStateException(method + " requests carry no body");
      }
      return new EgressRequest(this, null);
    }
  }
}
