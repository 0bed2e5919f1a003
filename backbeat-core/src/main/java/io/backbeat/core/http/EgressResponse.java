package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer whose head (status, headers) has arrived; the body streams from {@link #body()} or is read
 * whole, within {@link EgressRequest#maxResponseBytes()}, by {@link #bytes()}. Failures while reading
 * are {@link EgressException}s with a classification. Close it: a body not read to its end cuts the
 * connection rather than leave it half-read in the pool.
 */
public final class EgressResponse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EgressResponse.class);

  private final EgressRequest request;
  private final int status;
  private final Headers headers;
  private final TrackedBody body;
  private final Runnable abort;
  private volatile boolean closed;

  /**
   * @param request the request of the hop that was answered (after redirects: the last one)
   * @param abort cuts the exchange; run when the response is closed before its body ended
   */
  EgressResponse(EgressRequest request, int status, Headers headers, InputStream body, Runnable abort) {
    this.request = requireNonNull(request, "request is null");
    this.status = status;
    this.headers = requireNonNull(headers, "headers is null");
    this.body = new TrackedBody(requireNonNull(body, "body is null"));
    this.abort = requireNonNull(abort, "abort is null");
  }

  /** A complete answer held in memory (tests, and interceptors that answer themselves). */
  static EgressResponse of(EgressRequest request, int status, Headers headers, byte[] body) {
    return new EgressResponse(request, status, headers, new ByteArrayInputStream(body), () -> {});
  }

  /** The request that was answered: after redirects, the last hop's. */
  public EgressRequest request() {
    return request;
  }

  public int status() {
    return status;
  }

  /** 2xx. */
  public boolean isSuccessful() {
    return status >= 200 && status <= 299;
  }

  public Headers headers() {
    return headers;
  }

  public Optional<String> contentType() {
    return headers.first("content-type");
  }

  /** The declared {@code Content-Length}, if there is a valid one. */
  public Optional<Long> contentLength() {
    try {
      return headers.first("content-length").map(String::strip).map(Long::parseLong).filter(n -> n >= 0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The body as it arrives, read once. Read failures are {@link EgressException}s. */
  public InputStream body() {
    return body;
  }

  /**
   * The whole body, at most {@link EgressRequest#maxResponseBytes()}.
   *
   * @throws EgressLimitException if the body is larger (declared or counted)
   */
  public byte[] bytes() throws EgressException {
    long limit = request.maxResponseBytes();
    if (contentLength().orElse(0L) > limit) {
      throw tooLarge(limit);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    try {
      int n;
      while ((n = body.read(buffer)) != -1) {
        total += n;
        if (total > limit) {
          throw tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
    } catch (EgressException e) {
      throw e;
    } catch (IOException e) {
      throw new EgressNetworkException(
          request.field() + " answer could not be read (" + Redaction.url(request.url()) + ")",
          e, SendClassification.SENT_NO_RESPONSE, request.method(), status);
    }
    return out.toByteArray();
  }

  boolean isClosed() {
    return closed;
  }

  /** Whether the body was read to its end. */
  boolean bodyEnded() {
    return body.ended;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!body.ended) {
      abort.run();
    }
    try {
      body.closeSource();
    } catch (IOException e) {
      LOG.debug("Closing a response body failed: {}", e.toString());
    }
  }

  EgressLimitException tooLarge(long limit) {
    return new EgressLimitException(
        request.field() + " response is larger than the limit of " + limit + " bytes (" + Redaction.url(request.url()) + ")",
        request.method(), status);
  }

  @Override
  public String toString() {
    return "EgressResponse[" + request + " -> HTTP " + status + "]";
  }

  /** Notes when the body has ended, so closing knows whether the exchange must be cut. */
  private final class TrackedBody extends FilterInputStream {
    private volatile boolean ended;

    TrackedBody(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      ended |= b == -1;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      ended |= n == -1;
      return n;
    }

    void closeSource() throws IOException {
      in.close();
    }

    /** Closing the body closes the response (which decides whether the exchange must be cut). */
    @Override
    public void close() {
      EgressResponse.this.close();
    }
  }
}
