package io.backbeat.core.http;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DEBUG line per call: method, {@link Redaction#url redacted} URL, channel, status or failure
 * classification, latency. Never headers (credentials, signatures), never bodies, never the query
 * (pre-signed URLs). Failures show only our own messages, which are redacted by construction; a
 * foreign exception shows only its type.
 */
public final class RedactedLogInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RedactedLogInterceptor.class);

  @Override
  public EgressResponse intercept(Chain chain) throws IOException {
    EgressRequest request = chain.request();
    long started = System.nanoTime();
    try {
      EgressResponse response = chain.proceed(request);
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} -> HTTP {} in {} ms", request, response.status(), millisSince(started));
      }
      return response;
    } catch (IOException | RuntimeException e) {
      if (LOG.isDebugEnabled()) {
        String what = e instanceof EgressException ? e.getMessage() : e.getClass().getName();
        LOG.debug("{} failed in {} ms, {}: {}", request, millisSince(started), SendFailures.classify(e), what);
      }
      throw e;
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Override
  public String toString() {
    return "RedactedLogInterceptor";
  }
}
