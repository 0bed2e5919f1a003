package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client for user-supplied URLs (webhook callbacks, {@code uploadUrl} downloads). Every
 * request goes through the {@link EgressGuard}: the URL is checked, its host resolved once, every
 * address checked, and the connection pinned to exactly those addresses, so a DNS answer that changes
 * between check and connect (rebinding) has no effect. Redirects are followed by hand, each hop checked
 * again. Bodies are read up to a limit and every call has a total timeout.
 *
 * <p>The API blocks the calling thread and is meant for virtual threads. Log lines and messages carry
 * only {@link Redaction#url redacted} URLs; headers and bodies are never logged.
 */
public final class EgressHttpClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EgressHttpClient.class);

  /** How much of a webhook receiver's answer is kept for the delivery log. */
  public static final int EXCERPT_BYTES = 1024;

  private static final String DEFAULT_FIELD = "url";
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  /** Framing headers are the client's business; letting callers set them invites request smuggling. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer");
  /** Jetty's own total timeout fires first; this only guards against a listener that never completes. */
  private static final long GRACE_MILLIS = 1_000;

  /** A receiver's answer to a POST: its status and at most the first {@link #EXCERPT_BYTES} of its body. */
  public record Response(int status, String excerpt) {
    public Response {
      requireNonNull(excerpt, "excerpt is null");
    }
  }

  private final EgressGuard guard;
  private final HttpClient jetty;

  /** A client for the production guard (system DNS, no exemptions). */
  public EgressHttpClient(EgressPolicy policy) {
    this(new EgressGuard(policy));
  }

  public EgressHttpClient(EgressGuard guard) {
    this.guard = requireNonNull(guard, "guard is null");
    EgressPolicy policy = guard.policy();
    HttpClient client = new HttpClient();
    // The only resolver Jetty gets answers with the addresses the guard checked for this request.
    client.setSocketAddressResolver(new PinnedResolver());
    client.setFollowRedirects(false); // we follow them ourselves, re-checking every hop
    client.setConnectTimeout(policy.connectTimeout().toMillis());
    client.setIdleTimeout(30_000);
    // Each pin is its own destination; drop the idle ones rather than keep one per URL ever called.
    client.setDestinationIdleTimeout(60_000);
    // Cookies set by one user's receiver must never be sent on another user's behalf.
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Backbeat"));
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("backbeat-egress");
    client.setExecutor(threads);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the outbound HTTP client", e);
    }
    // Bytes as sent: downloads are stored verbatim and limits count what crossed the wire. (Jetty
    // installs its decoders while starting, so they are removed afterwards.)
    client.getContentDecoderFactories().clear();
    this.jetty = client;
    if (LoggerFactory.getLogger("org.eclipse.jetty.client").isDebugEnabled()) {
      // Jetty's own debug output is outside our redaction: it prints headers, query strings and bodies
      LOG.warn("DEBUG logging is on for org.eclipse.jetty.client: it writes outbound headers (webhook signatures),"
          + " query strings and bodies to the log; keep org.eclipse.jetty at INFO outside of debugging");
    }
  }

  public EgressGuard guard() {
    return guard;
  }

  /** {@link #post(String, String, Map, byte[], Duration)} with the field named {@code url}. */
  public Response post(String url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
    return post(DEFAULT_FIELD, url, headers, body, timeout);
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
   * @throws IOException if the receiver could not be reached
   */
  public Response post(String field, String url, Map<String, String> headers, byte[] body, Duration timeout)
      throws IOException {
    requireNonNull(headers, "headers is null");
    requireNonNull(body, "body is null");
    long deadline = deadline(timeout);
    long started = System.nanoTime();
    EgressGuard.Target target = resolve(field, url, deadline, timeout);
    try (Exchange exchange = send("POST", target, headers, body, field, deadline, timeout)) {
      int status = exchange.status();
      byte[] excerpt = new byte[EXCERPT_BYTES];
      int kept = 0;
      try {
        kept = exchange.readFully(excerpt);
        exchange.discard(guard.policy().maxResponseBytes() - kept);
      } catch (IOException e) {
        LOG.debug("POST {} answered HTTP {}; its body was not read to the end: {}", Redaction.url(url), status, e.toString());
      }
      LOG.debug("POST {} answered HTTP {} in {} ms", Redaction.url(url), status, millisSince(started));
      return new Response(status, new String(excerpt, 0, kept, UTF_8));
    }
  }

  /** {@link #download(String, String, Path, long, Duration)} with the field named {@code url}. */
  public Path download(String url, Path target, long maxBytes, Duration timeout) throws IOException {
    return download(DEFAULT_FIELD, url, target, maxBytes, timeout);
  }

  /**
   * GETs {@code url} into {@code target}, following up to {@link EgressPolicy#maxRedirects()} redirects,
   * each one checked like the first URL. The body goes to a temporary file next to {@code target}
   * that replaces it only when complete, so a failed download leaves nothing behind.
   *
   * @param field the name the user knows the URL by ({@code uploadUrl}), used in messages
   * @param maxBytes the largest body accepted
   * @param timeout for the whole call, all redirects included
   * @return {@code target}
   * @throws EgressDeniedException if the policy refuses the URL or a redirect
   * @throws EgressStatusException on a final status other than 2xx
   * @throws EgressLimitException if the body is larger than {@code maxBytes} or there are too many redirects
   * @throws EgressTimeoutException if the download did not finish in time
   * @throws IOException if the server could not be reached or the file could not be written
   */
  public Path download(String field, String url, Path target, long maxBytes, Duration timeout) throws IOException {
    requireNonNull(target, "target is null");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
    }
    long deadline = deadline(timeout);
    long started = System.nanoTime();
    String current = url;
    String label = field;
    for (int redirects = 0; ; redirects++) {
      EgressGuard.Target hop = resolve(label, current, deadline, timeout);
      try (Exchange exchange = send("GET", hop, Map.of(), null, field, deadline, timeout)) {
        int status = exchange.status();
        if (REDIRECTS.contains(status)) {
          String location = exchange.response().getHeaders().get(HttpHeader.LOCATION);
          if (location == null) {
            throw new EgressStatusException(status, field + " answered HTTP " + status + " without a Location (" + Redaction.url(current) + ")");
          }
          if (redirects >= guard.policy().maxRedirects()) {
            throw new EgressLimitException(field + " redirected more than " + guard.policy().maxRedirects() + " times (last hop: " + Redaction.url(current) + ")");
          }
          current = nextHop(hop.uri(), location, field);
          label = field + " redirect";
          LOG.debug("GET {} redirected (HTTP {}) to {}", Redaction.url(hop.uri().toString()), status, Redaction.url(current));
          continue;
        }
        if (status < 200 || status > 299) {
          throw new EgressStatusException(status, field + " answered HTTP " + status + " (" + Redaction.url(current) + ")");
        }
        long declared = exchange.response().getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxBytes) {
          throw tooLarge(field, current, maxBytes);
        }
        long size = store(exchange, target, maxBytes, field, current);
        LOG.debug("GET {} stored {} bytes in {} ms", Redaction.url(current), size, millisSince(started));
        return target;
      }
    }
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("Outbound HTTP client did not stop cleanly", e);
    }
  }

  // ---- one hop ----

  /** Checks the URL and resolves its host within the call's deadline; resolution counts against it. */
  private EgressGuard.Target resolve(String field, String url, long deadline, Duration timeout) throws IOException {
    URI uri = guard.check(field, url);
    FutureTask<List<InetAddress>> lookup = new FutureTask<>(() -> guard.resolveAndCheck(field, uri.getHost()));
    Thread.ofVirtual().name("backbeat-egress-dns").start(lookup);
    try {
      return new EgressGuard.Target(uri, lookup.get(Math.max(0, deadline - System.nanoTime()), NANOSECONDS));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EgressDeniedException denied) {
        throw denied;
      }
      throw new IOException(field + " host could not be resolved (" + Redaction.url(url) + ")", e.getCause());
    } catch (TimeoutException e) {
      lookup.cancel(true);
      throw new EgressTimeoutException(field + " host was not resolved within " + human(timeout) + " (" + Redaction.url(url) + ")", e);
    } catch (InterruptedException e) {
      lookup.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while resolving " + Redaction.url(url));
    }
  }

  /** Sends one request pinned to the target's checked addresses and waits for the response head. */
  private Exchange send(
      String method, EgressGuard.Target target, Map<String, String> headers, byte[] body, String field, long deadline, Duration timeout)
      throws IOException {
    long remaining = Math.max(1, NANOSECONDS.toMillis(deadline - System.nanoTime()));
    Request request =
        jetty.newRequest(target.uri())
            .method(method)
            .tag(new Pin(target.addresses()))
            .followRedirects(false)
            .timeout(remaining, MILLISECONDS);
    String contentType = null;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (RESERVED_HEADERS.contains(name)) {
        throw new IllegalArgumentException("header " + header.getKey() + " is set by the client itself");
      }
      if (name.equals("content-type")) {
        contentType = header.getValue();
      } else {
        request.headers(h -> h.put(header.getKey(), header.getValue()));
      }
    }
    if (body != null) {
      request.body(new BytesRequestContent(contentType == null ? "application/octet-stream" : contentType, body));
    }
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request.send(listener);
    String where = Redaction.url(target.uri().toString());
    try {
      org.eclipse.jetty.client.Response response = listener.get(remaining + GRACE_MILLIS, MILLISECONDS);
      return new Exchange(request, response, listener.getInputStream(), field, where, timeout);
    } catch (TimeoutException e) {
      request.abort(e);
      throw new EgressTimeoutException(field + " did not answer within " + human(timeout) + " (" + where + ")", e);
    } catch (ExecutionException e) {
      throw translate(e.getCause(), field, where, timeout);
    } catch (InterruptedException e) {
      request.abort(e);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while calling " + where);
    }
  }

  /** Streams the body into a temporary sibling of {@code target}, then moves it into place. */
  private static long store(Exchange exchange, Path target, long maxBytes, String field, String url) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path part = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".part");
    boolean stored = false;
    try {
      long total = 0;
      try (OutputStream out = Files.newOutputStream(part)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = exchange.read(buffer)) != -1) {
          total += n;
          if (total > maxBytes) {
            throw tooLarge(field, url, maxBytes);
          }
          out.write(buffer, 0, n);
        }
      }
      try {
        Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      stored = true;
      return total;
    } finally {
      if (!stored) {
        Files.deleteIfExists(part);
      }
    }
  }

  private static String nextHop(URI from, String location, String field) throws EgressDeniedException {
    try {
      return from.resolve(location.strip()).toString();
    } catch (IllegalArgumentException e) {
      throw new EgressDeniedException(field + " redirected to an invalid URL");
    }
  }

  private static EgressLimitException tooLarge(String field, String url, long maxBytes) {
    return new EgressLimitException(field + " response is larger than the limit of " + maxBytes + " bytes (" + Redaction.url(url) + ")");
  }

  /** Names what went wrong; an abort we caused ourselves carries its own exception. */
  private static IOException translate(Throwable failure, String field, String where, Duration timeout) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EgressException egress) {
        return egress;
      }
      if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
        return new EgressTimeoutException(field + " did not answer within " + human(timeout) + " (" + where + ")", failure);
      }
    }
    String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new IOException(field + " could not be reached (" + where + "): " + reason, failure);
  }

  private static long deadline(Duration timeout) {
    requireNonNull(timeout, "timeout is null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return System.nanoTime() + timeout.toNanos();
  }

  private static long millisSince(long startNanos) {
    return NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static String human(Duration d) {
    return d.toMillis() < 1000 || d.toMillis() % 1000 != 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
  }

  /** Jetty destination tag: the checked addresses. Requests with the same pin may share connections. */
  private record Pin(List<InetAddress> addresses) {}

  /**
   * Answers Jetty's address lookups with the request's pin and never with DNS. A destination without
   * a pin cannot exist through this class's API; refusing it keeps it that way.
   */
  private static final class PinnedResolver implements SocketAddressResolver {
    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
      if (context.get(Destination.CONTEXT_KEY) instanceof Destination destination
          && destination.getOrigin().getTag() instanceof Pin pin) {
        promise.succeeded(pin.addresses().stream().map(a -> new InetSocketAddress(a, port)).toList());
      } else {
        promise.failed(new EgressDeniedException("refused to connect to an address that was not checked"));
      }
    }
  }

  /** A response whose head has arrived and whose body is read through here. */
  private static final class Exchange implements AutoCloseable {
    private final Request request;
    private final org.eclipse.jetty.client.Response response;
    private final InputStream body;
    private final String field;
    private final String where;
    private final Duration timeout;
    private boolean ended;

    Exchange(Request request, org.eclipse.jetty.client.Response response, InputStream body, String field, String where, Duration timeout) {
      this.request = request;
      this.response = response;
      this.body = body;
      this.field = field;
      this.where = where;
      this.timeout = timeout;
    }

    int status() {
      return response.getStatus();
    }

    org.eclipse.jetty.client.Response response() {
      return response;
    }

    int read(byte[] buffer) throws IOException {
      try {
        int n = body.read(buffer);
        ended |= n == -1;
        return n;
      } catch (IOException e) {
        throw translate(e, field, where, timeout);
      }
    }

    /** Fills {@code buffer} as far as the body goes; returns how much was read. */
    int readFully(byte[] buffer) throws IOException {
      int filled = 0;
      while (filled < buffer.length) {
        int n;
        try {
          n = body.read(buffer, filled, buffer.length - filled);
        } catch (IOException e) {
          throw translate(e, field, where, timeout);
        }
        if (n == -1) {
          ended = true;
          break;
        }
        filled += n;
      }
      return filled;
    }

    /** Reads and drops up to {@code limit} more bytes, so that a short answer leaves a reusable connection. */
    void discard(long limit) throws IOException {
      byte[] buffer = new byte[8 * 1024];
      long left = limit;
      while (!ended && left >= 0) {
        int n = read(buffer);
        left -= Math.max(n, 0);
      }
    }

    /** A body not read to its end is cut off: the connection is closed, not reused mid-body. */
    @Override
    public void close() {
      if (!ended) {
        request.abort(new EgressLimitException("response body not consumed"));
      }
      try {
        body.close();
      } catch (IOException e) {
        LOG.debug("Closing a response body failed: {}", e.toString());
      }
    }
  }
}
