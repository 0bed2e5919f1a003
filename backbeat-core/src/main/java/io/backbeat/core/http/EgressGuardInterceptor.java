package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;

/**
 * Checks every hop against the {@link EgressGuard} before anything connects: the URL's shape, then its
 * host resolved once (within the call's deadline) and every address checked. The request goes on
 * pinned to exactly those addresses, and the transport connects to nothing else, so a DNS answer
 * that changes between check and connect (rebinding) has no effect. Refusals are {@link
 * EgressDeniedException}s, always {@link SendClassification#NOT_SENT}.
 *
 * <p>It sits last before the transport, inside the redirect follower, so each redirect is checked
 * like the first URL.
 */
public final class EgressGuardInterceptor implements Interceptor {
  private final EgressGuard guard;

  public EgressGuardInterceptor(EgressGuard guard) {
    this.guard = requireNonNull(guard, "guard is null");
  }

  @Override
  public EgressResponse intercept(Chain chain) throws IOException {
    EgressRequest request = chain.request();
    URI uri = guard.check(request.field(), request.url());
    List<InetAddress> addresses = resolve(request, uri, chain);
    return chain.proceed(request.pinnedTo(new EgressGuard.Target(uri, addresses)));
  }

  /** Resolution counts against the call's deadline: a slow resolver must not stretch the timeout. */
  private List<InetAddress> resolve(EgressRequest request, URI uri, Chain chain) throws EgressException {
    String field = request.field();
    String where = Redaction.url(request.url());
    FutureTask<List<InetAddress>> lookup = new FutureTask<>(() -> guard.resolveAndCheck(field, uri.getHost()));
    Thread.ofVirtual().name("backbeat-egress-dns").start(lookup);
    try {
      return lookup.get(chain.remaining().toNanos(), NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EgressDeniedException denied) {
        throw denied;
      }
      throw new EgressNetworkException(
          field + " host could not be resolved (" + where + ")", e.getCause(), SendClassification.NOT_SENT, request.method(), -1);
    } catch (TimeoutException e) {
      lookup.cancel(true);
      throw new EgressTimeoutException(
          field + " host was not resolved within " + Durations.human(request.timeout()) + " (" + where + ")",
          e, SendClassification.NOT_SENT, request.method(), -1);
    } catch (InterruptedException e) {
      lookup.cancel(true);
      Thread.currentThread().interrupt();
      throw new EgressNetworkException("interrupted while resolving " + where, e, SendClassification.NOT_SENT, request.method(), -1);
    }
  }

  @Override
  public String toString() {
    return "EgressGuardInterceptor";
  }
}
