package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one outbound HTTP client: webhook callbacks, downloads of user {@code uploadUrl}s, and calls to
 * upstream providers. Every call runs through one chain of small interceptors, in this order:
 *
 * <ol>
 *   <li>{@link RedactedLogInterceptor} — one DEBUG line: method, redacted URL, status, latency;
 *   <li>{@link SendClassifyingInterceptor} — every failure leaves as an {@link EgressException} with a
 *       {@link SendClassification};
 *   <li>{@link ChannelRateLimitInterceptor} — per-channel token bucket and upstream {@code 429} pauses
 *       (when configured);
 *   <li>the builder's own interceptors ({@link Builder#addInterceptor}), once per call;
 *   <li>{@link RedirectInterceptor} — GET/HEAD redirects, every hop through the steps below again;
 *   <li>{@link AuthInterceptor} — the channel's credential, for its own origin only (when configured);
 *   <li>{@link EgressGuardInterceptor} — URL checked, host resolved once, every address checked, the
 *       connection pinned to exactly those addresses;
 *   <li>the transport (Jetty's client), which connects to nothing but the pin.
 * </ol>
 *
 * <p>Calls block the calling thread and are meant for virtual threads; each has one total timeout
 * (resolution, connect, redirects and reading the answer). Log lines and messages carry only {@link
 * Redaction#url redacted} URLs; header values and bodies are never logged.
 *
 * <h2>A client for one upstream channel</h2>
 *
 * A relay provider derives its own client from the shared one (same connections and threads) with
 * {@link #newBuilder()}:
 *
 * <pre>{@code
 * EgressHttpClient suno = shared.newBuilder()
 *     .baseUrl("https://api.sunoapi.org")            // relative request URLs resolve against it
 *     .channel("suno:acct-1")                         // rate-limited as one upstream account
 *     .field("suno")                                  // how messages name the target
 *     .bearer(() -> apiKey)                           // or .authHeader("X-Api-Key", jwtSupplier)
 *     .rateLimit(ChannelRateLimitInterceptor.Rate.perSecond(2, 5))
 *     .timeout(Duration.ofSeconds(20))
 *     .build();
 * JsonResponse submitted = suno.postJson("/api/v1/generate", body);
 * }</pre>
 *
 * The credential goes only to the base URL's origin: asset URLs on a CDN and redirects elsewhere
 * never see it. What each failure means for the relay ({@link EgressException#classification()}):
 *
 * <ul>
 *   <li>{@link SendClassification#NOT_SENT} — nothing reached the upstream (egress refused, host not
 *       resolved, connection refused, connect timeout, or {@link EgressRateLimitedException} with its
 *       {@code retryAt()}). Record "not sent": retry later, or fail over to another channel.
 *   <li>{@link SendClassification#SENT_NO_RESPONSE} — the request may have arrived and been acted on
 *       (timeout or dropped connection once sending began, or an answer cut off). For a submit: record
 *       "unknown" and reconcile by asking the upstream (list or look up by our reference); never
 *       resubmit blind, never refund blind. A poll (GET) may simply be retried.
 *   <li>{@link SendClassification#RESPONSE} — an answer arrived and was refused (its status, size or
 *       format); {@link EgressException#status()} says what the upstream did (a 2xx: it acted).
 * </ul>
 *
 * {@link SendFailures} answers the follow-up questions by name: {@link SendFailures#canFailOver},
 * {@link SendFailures#wasSendStarted}, {@link SendFailures#isRetryable}. Statuses that did arrive are
 * not failures for {@link #execute} and the JSON methods: a {@code 429} or {@code 500} is a {@link
 * JsonResponse} (its {@code Retry-After} also pauses the channel); judge it with {@link
 * SendFailures#isRetryableStatus}.
 *
 * <p>Derived clients share the root client's transport; closing one does nothing, closing the root
 * (the one built from a policy or guard) stops the transport for all.
 */
public final class EgressHttpClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EgressHttpClient.class);

  /** How much of a webhook receiver's answer is kept for the delivery log. */
  public static final int EXCERPT_BYTES = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

  /** A receiver's answer to a POST: its status and at most the first {@link #EXCERPT_BYTES} of its body. */
  public record Response(int status, String excerpt) {
    public Response {
      requireNonNull(excerpt, "excerpt is null");
    }
  }

  /**
   * Receives a download's body as it arrives. What it does not read is read (and counted, and
   * checksummed) after it returns, so the {@link Download} always describes the whole body.
   */
  @FunctionalInterface
  public interface BodyConsumer {
    void accept(InputStream body, Optional<String> contentType) throws IOException;
  }

  private final EgressGuard guard;
  private final JettyTransport transport;
  private final boolean ownsTransport;
  private final String baseUrl;
  private final String channel;
  private final String field;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final List<Interceptor> interceptors;
  private final Builder settings;

  /** A client for the production guard (system DNS, no exemptions). */
  public EgressHttpClient(EgressPolicy policy) {
    this(new EgressGuard(policy));
  }

  public EgressHttpClient(EgressGuard guard) {
    this(new Builder(requireNonNull(guard, "guard is null"), new JettyTransport(guard.policy()), true));
  }

  private EgressHttpClient(Builder b) {
    this.guard = b.guard;
    this.transport = b.transport;
    this.ownsTransport = b.ownsTransport;
    this.baseUrl = b.baseUrl;
    this.channel = b.channel;
    this.field = b.field;
    this.timeout = b.timeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.settings = b.copy();
    List<Interceptor> chain = new ArrayList<>();
    chain.add(new RedactedLogInterceptor());
    chain.add(new SendClassifyingInterceptor());
    if (b.rateLimiter != null) {
      chain.add(b.rateLimiter);
    } else if (b.rate != null) {
      chain.add(new ChannelRateLimitInterceptor(b.clock, Map.of(b.channel, b.rate)));
    }
    chain.addAll(b.interceptors);
    chain.add(new RedirectInterceptor(b.guard.policy().maxRedirects()));
    if (b.authValue != null) {
      chain.add(b.authHeader == null ? AuthInterceptor.bearer(b.baseUrl, b.authValue) : AuthInterceptor.header(b.baseUrl, b.authHeader, b.authValue));
    }
    chain.add(new EgressGuardInterceptor(b.guard));
    this.interceptors = List.copyOf(chain);
  }

  public EgressGuard guard() {
    return guard;
  }

  /** The chain every call runs through, outermost first (the transport follows the last). */
  public List<Interceptor> interceptors() {
    return interceptors;
  }

  /** A builder for a client that shares this one's connections and threads, starting from its settings. */
  public Builder newBuilder() {
    Builder b = settings.copy();
    b.ownsTransport = false;
    return b;
  }

  // ---- requests ----

  /**
   * A request with this client's defaults (timeout, response limit, field, channel). A URL without a
   * scheme is appended to the base URL ({@code "/v1/tasks"} → {@code https://api.example.com/v1/tasks});
   * an absolute one is used as it is.
   */
  public EgressRequest.Builder newRequest(String method, String url) {
    requireNonNull(url, "url is null");
    String full = url;
    if (baseUrl != null && !HAS_SCHEME.matcher(url).matches()) {
      String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      full = base + (url.startsWith("/") ? url : "/" + url);
    }
    return EgressRequest.builder(method, full)
        .timeout(timeout)
        .maxResponseBytes(maxResponseBytes)
        .field(field)
        .channel(channel);
  }

  /**
   * Runs {@code request} through the chain and returns the answer's head; its body streams. Any status
   * is an answer, not a failure. The caller closes the response.
   *
   * @throws EgressException for every failure, classified by whether the request may have been sent
   */
  public EgressResponse execute(EgressRequest request) throws EgressException {
    try {
      return InterceptorChain.run(interceptors, transport, request);
    } catch (EgressException e) {
      throw e;
    } catch (IOException e) {
      // unreachable while SendClassifyingInterceptor is in the chain; never let an unclassified one out
      throw SendClassifyingInterceptor.classify(e, request, true, -1);
    }
  }

  // ---- JSON ----

  /** GET {@code url} (absolute, or relative to the base URL) and parse the JSON answer. */
  public JsonResponse getJson(String url) throws EgressException {
    return sendJson(newRequest("GET", url).build());
  }

  /** POST {@code body} as JSON to {@code url} (absolute, or relative to the base URL) and parse the answer. */
  public JsonResponse postJson(String url, JsonNode body) throws EgressException {
    return sendJson(newRequest("POST", url).jsonBody(body).build());
  }

  /**
   * Sends {@code request} (any method; {@code Accept: application/json} unless set) and parses the
   * answer, read whole within {@link EgressRequest#maxResponseBytes()}.
   *
   * @throws EgressLimitException if the answer is larger than the limit
   * @throws EgressBodyException if a 2xx answer is not JSON
   * @throws EgressException for every other failure, classified
   */
  public JsonResponse sendJson(EgressRequest request) throws EgressException {
    EgressRequest asking = request.headers().contains("accept") ? request : request.newBuilder().header("Accept", "application/json").build();
    try (EgressResponse response = execute(asking)) {
      byte[] bytes = response.bytes();
      return new JsonResponse(response.status(), response.headers(), parse(bytes, response));
    }
  }

  private static JsonNode parse(byte[] bytes, EgressResponse response) throws EgressBodyException {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      if (!response.isSuccessful()) {
        return MissingNode.getInstance();
      }
      EgressRequest answered = response.request();
      // the parser's message quotes the body; it stays out of ours (and so does the cause)
      throw new EgressBodyException(
          answered.field() + " answered HTTP " + response.status() + " with a body that is not JSON (" + Redaction.url(answered.url()) + ")",
          null, answered.method(), response.status());
    }
  }

  // ---- downloads ----

  /** {@link #download(String, String, Path, long, Duration)} with the field named {@code url}. */
  public Download download(String url, Path target, long maxBytes, Duration timeout) throws IOException {
    return download(EgressRequest.DEFAULT_FIELD, url, target, maxBytes, timeout);
  }

  /**
   * GETs {@code url} into {@code target}, following up to {@link EgressPolicy#maxRedirects()} redirects,
   * each one checked like the first URL.
   *
   * @param field the name the user knows the URL by ({@code uploadUrl}), used in messages
   * @param timeout for the whole download, all redirects included
   * @see #download(EgressRequest, Path, long)
   */
  public Download download(String field, String url, Path target, long maxBytes, Duration timeout) throws IOException {
    return download(requestFor("GET", url).field(field).timeout(timeout).build(), target, maxBytes);
  }

  /**
   * Streams the answer to {@code request} into {@code target}: into a temporary sibling first, forced
   * to disk, then moved into place, so {@code target} is either the complete new body or untouched.
   *
   * @param maxBytes the largest body accepted
   * @return the size, content type and SHA-256 of what was stored
   * @throws EgressDeniedException if the policy refuses the URL or a redirect
   * @throws EgressStatusException on a final status other than 2xx
   * @throws EgressLimitException if the body is larger than {@code maxBytes} or there are too many redirects
   * @throws EgressTimeoutException if the download did not finish within the request's timeout
   * @throws EgressException for other failures on the way; a plain {@link IOException} if the file
   *     could not be written
   */
  public Download download(EgressRequest request, Path target, long maxBytes) throws IOException {
    requireNonNull(target, "target is null");
    Path absolute = target.toAbsolutePath();
    Path part = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".part");
    boolean stored = false;
    try {
      Download result;
      try (FileChannel file = FileChannel.open(part, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(file)) {
        result = stream(request, maxBytes, (body, type) -> body.transferTo(out));
        file.force(true);
      }
      try {
        Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      stored = true;
      LOG.debug("{} stored {} bytes", request, result.bytes());
      return result;
    } finally {
      if (!stored) {
        Files.deleteIfExists(part);
      }
    }
  }

  /**
   * Streams the answer to {@code request} to {@code consumer} as it arrives; the body is never held in
   * memory whole. Size is enforced while streaming; time by the request's timeout.
   *
   * @return the size, content type and SHA-256 of the whole body
   * @throws EgressStatusException on a final status other than 2xx (the consumer is not called)
   * @throws EgressLimitException if the body is larger than {@code maxBytes}
   * @throws EgressException for other failures on the wire; the consumer's own exceptions pass unchanged
   */
  public Download stream(EgressRequest request, long maxBytes, BodyConsumer consumer) throws IOException {
    requireNonNull(consumer, "consumer is null");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
    }
    try (EgressResponse response = execute(request)) {
      EgressRequest answered = response.request();
      String where = Redaction.url(answered.url());
      if (!response.isSuccessful()) {
        throw new EgressStatusException(
            response.status(), request.field() + " answered HTTP " + response.status() + " (" + where + ")", request.method());
      }
      Supplier<EgressLimitException> tooLarge =
          () -> new EgressLimitException(
              request.field() + " response is larger than the limit of " + maxBytes + " bytes (" + where + ")",
              request.method(), response.status());
      if (response.contentLength().orElse(0L) > maxBytes) {
        throw tooLarge.get();
      }
      DigestingBody body = new DigestingBody(response.body(), maxBytes, tooLarge);
      consumer.accept(body, response.contentType());
      body.drain();
      return new Download(body.count, response.contentType(), body.sha256());
    }
  }

  // ---- webhooks ----

  /** {@link #post(String, String, Map, byte[], Duration)} with the field named {@code url}. */
  public Response post(String url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
    return post(EgressRequest.DEFAULT_FIELD, url, headers, body, timeout);
  }

  /**
   * POSTs {@code body} with {@code headers} and returns the status and the start of the answer. A
   * redirect is not followed (its 3xx is the result), since re-sending a signed webhook elsewhere is
   * not the receiver's call. Once the status is in, a body that is cut off or stalls does not fail the
   * call: the receiver has answered.
   *
   * @param field the name the user knows the URL by ({@code callBackUrl}), used in messages
   * @param timeout for the whole call: resolution, connect, send and the answer
   * @throws EgressDeniedException if the policy refuses the URL
   * @throws EgressTimeoutException if no status arrived in time
   * @throws EgressException if the receiver could not be reached, classified
   */
  public Response post(String field, String url, Map<String, String> headers, byte[] body, Duration timeout)
      throws IOException {
    requireNonNull(headers, "headers is null");
    requireNonNull(body, "body is null");
    EgressRequest request = requestFor("POST", url).field(field).headers(headers).body(body).timeout(timeout).build();
    try (EgressResponse response = execute(request)) {
      byte[] excerpt = new byte[EXCERPT_BYTES];
      int kept = readUpTo(response, excerpt);
      discard(response, guard.policy().maxResponseBytes() - kept);
      return new Response(response.status(), new String(excerpt, 0, kept, UTF_8));
    }
  }

  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
  }

  /** Defaults of this client, without the base URL: user-supplied URLs are taken as they are. */
  private EgressRequest.Builder requestFor(String method, String url) {
    return EgressRequest.builder(method, url).maxResponseBytes(maxResponseBytes).field(field).channel(channel).timeout(timeout);
  }

  /** Fills {@code buffer} as far as the body goes; a body that breaks off keeps what arrived. */
  private static int readUpTo(EgressResponse response, byte[] buffer) {
    int filled = 0;
    InputStream in = response.body();
    try {
      while (filled < buffer.length) {
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n == -1) {
          break;
        }
        filled += n;
      }
    } catch (IOException e) {
      LOG.debug("{} answered HTTP {}; its body was not read to the end: {}", response.request(), response.status(), e.getMessage());
    }
    return filled;
  }

  /** Reads and drops up to {@code limit} more bytes, so that a short answer leaves a reusable connection. */
  private static void discard(EgressResponse response, long limit) {
    byte[] buffer = new byte[8 * 1024];
    long left = limit;
    InputStream in = response.body();
    try {
      while (!response.bodyEnded() && left >= 0) {
        int n = in.read(buffer);
        left -= Math.max(n, 0);
      }
    } catch (IOException e) {
      LOG.debug("{} answered HTTP {}; its body was not read to the end: {}", response.request(), response.status(), e.getMessage());
    }
  }

  /** Counts, bounds and checksums a body on its way to a consumer. */
  private static final class DigestingBody extends FilterInputStream {
    private final long max;
    private final Supplier<EgressLimitException> tooLarge;
    private final MessageDigest digest;
    private long count;

    DigestingBody(InputStream in, long max, Supplier<EgressLimitException> tooLarge) {
      super(in);
      this.max = max;
      this.tooLarge = tooLarge;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is unavailable", e);
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count += n;
        if (count > max) {
          throw tooLarge.get();
        }
        digest.update(buffer, offset, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // skipped bytes still count and are checksummed
      byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
      int read = buffer.length == 0 ? 0 : read(buffer, 0, buffer.length);
      return Math.max(read, 0);
    }

    @Override
    public void close() {
      // the download closes the response; a consumer closing early must not cut the checksum short
    }

    void drain() throws IOException {
      byte[] buffer = new byte[64 * 1024];
      while (read(buffer, 0, buffer.length) != -1) {
        // counted and checksummed in read()
      }
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  /** Settings of a client; {@link #build()} makes one that shares the transport it came from. */
  public static final class Builder {
    private EgressGuard guard;
    private final JettyTransport transport;
    private boolean ownsTransport;
    private String baseUrl;
    private String channel;
    private String field = EgressRequest.DEFAULT_FIELD;
    private Duration timeout = EgressRequest.DEFAULT_TIMEOUT;
    private long maxResponseBytes = EgressRequest.DEFAULT_MAX_RESPONSE_BYTES;
    private String authHeader;
    private Supplier<String> authValue;
    private ChannelRateLimitInterceptor.Rate rate;
    private ChannelRateLimitInterceptor rateLimiter;
    private InstantSource clock = InstantSource.system();
    private final List<Interceptor> interceptors = new ArrayList<>();

    private Builder(EgressGuard guard, JettyTransport transport, boolean ownsTransport) {
      this.guard = guard;
      this.transport = transport;
      this.ownsTransport = ownsTransport;
    }

    private Builder copy() {
      Builder b = new Builder(guard, transport, ownsTransport);
      b.baseUrl = baseUrl;
      b.channel = channel;
      b.field = field;
      b.timeout = timeout;
      b.maxResponseBytes = maxResponseBytes;
      b.authHeader = authHeader;
      b.authValue = authValue;
      b.rate = rate;
      b.rateLimiter = rateLimiter;
      b.clock = clock;
      b.interceptors.addAll(interceptors);
      return b;
    }

    /** Where relative request URLs go, and the only origin credentials are sent to. */
    public Builder baseUrl(String baseUrl) {
      requireNonNull(baseUrl, "baseUrl is null");
      if (Origins.of(baseUrl).isEmpty()) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** The channel requests are rate-limited on (one upstream account). */
    public Builder channel(String channel) {
      this.channel = requireNonNull(channel, "channel is null");
      return this;
    }

    /** How messages name the target ({@code suno}, {@code uploadUrl}). */
    public Builder field(String field) {
      this.field = requireNonNull(field, "field is null");
      return this;
    }

    /** The default total timeout of a call. */
    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout is null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The largest answer read into memory ({@link EgressResponse#bytes()}, the JSON methods). */
    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive, was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /** {@code Authorization: Bearer <token>} on requests to the base URL's origin, computed per request. */
    public Builder bearer(Supplier<String> token) {
      this.authHeader = null;
      this.authValue = requireNonNull(token, "token is null");
      return this;
    }

    /** {@code header: <value>} on requests to the base URL's origin, computed per request (a JWT). */
    public Builder authHeader(String header, Supplier<String> value) {
      this.authHeader = requireNonNull(header, "header is null");
      this.authValue = requireNonNull(value, "value is null");
      return this;
    }

    /** A token bucket for this client's channel. */
    public Builder rateLimit(ChannelRateLimitInterceptor.Rate rate) {
      this.rate = requireNonNull(rate, "rate is null");
      this.rateLimiter = null;
      return this;
    }

    /** A rate limiter shared with other clients (several clients calling one upstream account). */
    public Builder rateLimiter(ChannelRateLimitInterceptor limiter) {
      this.rateLimiter = requireNonNull(limiter, "limiter is null");
      this.rate = null;
      return this;
    }

    /** The clock of the rate limiter built by {@link #rateLimit}. */
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock is null");
      return this;
    }

    /** Another guard, e.g. one that exempts an operator-configured upstream on a private network. */
    public Builder guard(EgressGuard guard) {
      this.guard = requireNonNull(guard, "guard is null");
      return this;
    }

    /** A step that runs once per call, after rate limiting and before redirects, auth and the guard. */
    public Builder addInterceptor(Interceptor interceptor) {
      interceptors.add(requireNonNull(interceptor, "interceptor is null"));
      return this;
    }

    public EgressHttpClient build() {
      if (authValue != null && baseUrl == null) {
        throw new IllegalStateException("auth needs a baseUrl: credentials are sent only to its origin");
      }
      if (rate != null && channel == null) {
        throw new IllegalStateException("a rate limit needs a channel");
      }
      return new EgressHttpClient(this);
    }
  }
}
