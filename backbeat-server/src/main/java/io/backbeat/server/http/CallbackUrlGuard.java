package io.backbeat.server.http;

import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.http.EgressDeniedException;
import io.backbeat.core.http.EgressGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Refuses callback URLs that could never be delivered to under the egress policy: not http(s), with
 * credentials, or resolving to a loopback/private/link-local/metadata address. A name that does not
 * resolve now (DNS down, or a documentation placeholder like example.com) is accepted: its delivery
 * fails and is retried, never affecting the task. Every delivery is checked again when it is sent.
 */
public final class CallbackUrlGuard implements CallbackUrlCheck {
  /** A create request must not hang on a slow resolver. */
  private static final long RESOLVE_TIMEOUT_MS = 2000;

  private final EgressGuard guard;
  private final ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();

  public CallbackUrlGuard(EgressGuard guard) {
    this.guard = guard;
  }

  @Override
  public String check(String field, String url) {
    try {
      URI uri = guard.check(field, url);
      if (resolves(uri.getHost())) {
        guard.resolveAndCheck(field, uri.getHost());
      }
      return url;
    } catch (EgressDeniedException e) {
      throw BackbeatException.invalid(e.getMessage());
    }
  }

  private boolean resolves(String host) throws EgressDeniedException {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost") || bare.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")) {
      return true; // the guard refuses these by name
    }
    Future<InetAddress[]> lookup = resolver.submit(() -> InetAddress.getAllByName(bare));
    try {
      return lookup.get(RESOLVE_TIMEOUT_MS, TimeUnit.MILLISECONDS).length > 0;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownHostException) {
        return false;
      }
      return false;
    } catch (TimeoutException e) {
      lookup.cancel(true);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
