package io.backbeat.server.callbacks;

import static java.util.Objects.requireNonNull;

import io.backbeat.providers.relay.RelayCallbacks;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST /callbacks/{channel}/{taskId}/{token}}: where upstreams call back about our tasks.
 * No API key (the upstream has none of ours): the token in the URL is the credential, valid for one
 * task on one channel. The answer says only what happened, in a tiny JSON body; a callback only
 * wakes its task, which then fetches the real state from the upstream.
 */
public final class UpstreamCallbackRoutes {
  public static final String PREFIX = "/callbacks/";

  private final RelayCallbacks callbacks;

  public UpstreamCallbackRoutes(RelayCallbacks callbacks) {
    this.callbacks = requireNonNull(callbacks, "callbacks is null");
  }

  public void register(RoutesConfig routes) {
    routes.post(PREFIX + "{channel}/{taskId}/{token}", this::receive);
  }

  private void receive(Context ctx) {
    RelayCallbacks.Verdict verdict = callbacks.receive(ctx.pathParam("channel"), ctx.pathParam("taskId"), ctx.pathParam("token"), ctx.bodyAsBytes());
    int status =
        switch (verdict) {
          case WOKEN, DUPLICATE -> 200;
          case MALFORMED -> 400;
          case UNAUTHORIZED -> 401;
          case NOT_FOUND -> 404;
        };
    ctx.status(status).contentType("application/json").result("{\"status\":\"" + verdict.name().toLowerCase(java.util.Locale.ROOT) + "\"}");
  }

  /** A request path fit for the log: the token of a callback URL is a credential and is masked. */
  public static String loggable(String path) {
    if (path.startsWith(PREFIX)) {
      int last = path.lastIndexOf('/');
      if (last > PREFIX.length()) {
        return path.substring(0, last + 1) + "****";
      }
    }
    return path;
  }
}
