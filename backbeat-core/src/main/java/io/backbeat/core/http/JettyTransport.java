package io.backbeat.core.http;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
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
 * The end of every chain: one request over Jetty's client, connected only to the addresses the egress
 * guard pinned, never to a DNS answer of its own. It records when a request starts going out (Jetty's
 * request-begin event, which comes after the connection is open and before the first byte is written),
 * which is what tells {@link SendClassification#NOT_SENT} from {@link SendClassification#SENT_NO_RESPONSE}.
 */
final class JettyTransport implements Transport, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JettyTransport.class);

  /** Jetty's own total timeout fires first; this only guards against a listener that never completes. */
  private static final long GRACE_MILLIS = 1_000;

  private final EgressPolicy policy;
  private final java.util.concurrent.locks.ReentrantLock starting = new java.util.concurrent.locks.ReentrantLock();
  private volatile HttpClient jetty;
  private boolean closed;

  /**
   * Jetty's client is built and started on the first request, not here: starting it reads the JDK's
   * trust store and sets up TLS (about a fifth of the server's start-up), and nothing before the
   * first callback or upstream call needs it.
   */
  JettyTransport(EgressPolicy policy) {
    this.policy = policy;
    if (LoggerFactory.getLogger("org.eclipse.jetty.client").isDebugEnabled()) {
      // Jetty's own debug output is outside our redaction: it prints headers, query strings and bodies
      LOG.warn("DEBUG logging is on for org.eclipse.jetty.client: it writes outbound headers (webhook signatures),"
          + " query strings and bodies to the log; keep org.eclipse.jetty at INFO outside of debugging");
    }
  }

  private HttpClient jetty() {
    HttpClient client = jetty;
    if (client != null) {
      return client;
    }
    starting.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the outbound HTTP client is closed");
      }
      if (jetty == null) {
        jetty = started(policy);
      }
      return jetty;
    } finally {
      starting.unlock();
    }
  }

  private static HttpClient started(EgressPolicy policy) {
    HttpClient client = new HttpClient();
    // The only resolver Jetty gets answers with the addresses the guard checked for this request.
    client.setSocketAddressResolver(new PinnedResolver());
    client.setFollowRedirects(false); // RedirectInterceptor follows them, the guard re-checking every hop
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
    // Statuses are answers, judged by the caller: Jetty's protocol handlers (installed while starting)
    // would turn a 401 without WWW-Authenticate — what upstream APIs send for a bad key — into an
    // unchecked exception, and would answer auth challenges and 100-continue behind our chain's back.
    client.getProtocolHandlers().clear();
    return client;
  }

  @Override
  public EgressResponse send(EgressRequest request, InterceptorChain.Call call) throws IOException {
    EgressGuard.Target pin = request.pin();
    if (pin == null || !pin.uri().toString().equals(request.url().strip())) {
      throw new IllegalStateException(request + " reached the transport without passing the egress guard for its URL");
    }
    long remaining = Math.max(1, NANOSECONDS.toMillis(call.deadlineNanos() - System.nanoTime()));
    Request jettyRequest =
        jetty().newRequest(pin.uri())
            .method(request.method())
            .tag(new Pin(pin.addresses()))
            .followRedirects(false)
            .timeout(remaining, MILLISECONDS)
            .onRequestBegin(r -> call.markSendStarted());
    String contentType = null;
    for (Map.Entry<String, List<String>> header : request.headers().toMap().entrySet()) {
      if (header.getKey().equals("content-type")) {
        contentType = header.getValue().get(0);
      } else {
        // put, not add: a caller's value replaces Jetty's default (User-Agent)
        jettyRequest.headers(h -> h.put(header.getKey(), header.getValue()));
      }
    }
    byte[] body = request.bodyBytes();
    if (body != null) {
      jettyRequest.body(new BytesRequestContent(contentType == null ? "application/octet-stream" : contentType, body));
    }
    InputStreamResponseListener listener = new InputStreamResponseListener();
    jettyRequest.send(listener);
    try {
      org.eclipse.jetty.client.Response response = listener.get(remaining + GRACE_MILLIS, MILLISECONDS);
      int status = response.getStatus();
      call.markStatus(status);
      Headers headers = headersOf(response);
      InputStream stream = new TranslatingBody(listener.getInputStream(), request, call, status);
      return new EgressResponse(
          request, status, headers, stream, () -> jettyRequest.abort(new IllegalStateException("response body not consumed")));
    } catch (TimeoutException e) {
      jettyRequest.abort(e);
      throw timeout(request, call, -1, e);
    } catch (ExecutionException e) {
      throw translate(e.getCause(), request, call, -1);
    } catch (InterruptedException e) {
      jettyRequest.abort(e);
      Thread.currentThread().interrupt();
      throw new EgressNetworkException(
          "interrupted while calling " + Redaction.url(request.url()), e, classification(call), request.method(), -1);
    }
  }

  @Override
  public void close() {
    starting.lock();
    try {
      closed = true;
      if (jetty != null) {
        jetty.stop();
      }
    } catch (Exception e) {
      LOG.warn("Outbound HTTP client did not stop cleanly", e);
    } finally {
      starting.unlock();
    }
  }

  private static Headers headersOf(org.eclipse.jetty.client.Response response) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (HttpField field : response.getHeaders()) {
      fields.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue() == null ? "" : field.getValue());
    }
    try {
      return Headers.ofLists(fields);
    } catch (IllegalArgumentException e) {
      // a header we would refuse to send (a NUL in a value) is not worth failing the answer for
      fields.replaceAll((name, values) -> values.stream().map(v -> v.replaceAll("[\\r\\n\\x00]", " ")).toList());
      return Headers.ofLists(fields);
    }
  }

  /** Before the request-begin event nothing was written; after it, only a complete answer is a response. */
  private static SendClassification classification(InterceptorChain.Call call) {
    return call.sendStarted() ? SendClassification.SENT_NO_RESPONSE : SendClassification.NOT_SENT;
  }

  private static EgressTimeoutException timeout(EgressRequest request, InterceptorChain.Call call, int status, Throwable cause) {
    String where = Redaction.url(request.url());
    String human = Durations.human(request.timeout());
    SendClassification classification = classification(call);
    String message =
        classification == SendClassification.NOT_SENT
            ? request.field() + " could not be reached within " + human + " (" + where + ")"
            : request.field() + " did not answer within " + human + " (" + where + ")";
    return new EgressTimeoutException(message, cause, classification, request.method(), status);
  }

  /** Names what went wrong; an abort we caused ourselves carries its own exception. */
  static EgressException translate(Throwable failure, EgressRequest request, InterceptorChain.Call call, int status) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EgressException egress) {
        return egress;
      }
      if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
        return timeout(request, call, status, failure);
      }
    }
    String where = Redaction.url(request.url());
    String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    SendClassification classification = classification(call);
    String message;
    if (classification == SendClassification.NOT_SENT) {
      message = request.field() + " could not be reached (" + where + "): " + reason;
    } else if (status < 0) {
      message = request.field() + " closed the connection before answering (" + where + "): " + reason;
    } else {
      message = request.field() + " answer was cut off (" + where + "): " + reason;
    }
    return new EgressNetworkException(message, failure, classification, request.method(), status);
  }

  /** Jetty destination tag: the checked addresses. Requests with the same pin may share connections. */
  private record Pin(List<InetAddress> addresses) {}

  /**
   * Answers Jetty's address lookups with the request's pin and never with DNS. A destination without
   * a pin cannot exist through this class; refusing it keeps it that way.
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

  /** The response body with Jetty's failures turned into classified ones. */
  private static final class TranslatingBody extends FilterInputStream {
    private final EgressRequest request;
    private final InterceptorChain.Call call;
    private final int status;

    TranslatingBody(InputStream in, EgressRequest request, InterceptorChain.Call call, int status) {
      super(in);
      this.request = request;
      this.call = call;
      this.status = status;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw translate(e, request, call, status);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return in.read(buffer, offset, length);
      } catch (IOException e) {
        throw translate(e, request, call, status);
      }
    }
  }
}
