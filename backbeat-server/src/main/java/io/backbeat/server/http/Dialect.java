package io.backbeat.server.http;

import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.webhook.CallbackRenderer;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Optional;

/**
 * One API surface (Suno, DashScope, Kling, native): its routes, its error shape, its callbacks.
 * Adding a dialect touches nothing but its own package and the one list in {@code BackbeatApp}.
 */
public interface Dialect {

  /** Stored in {@code task.dialect}; selects the callback renderer. */
  String name();

  /**
   * Requests under these paths belong to the dialect: they authenticate its way and get its error
   * shape, a path that matches none of its routes included (its own 404).
   */
  List<String> pathPrefixes();

  /** Every route of the dialect, declared once ({@link RouteTable}). */
  List<Route> routes();

  /** Writes {@code error} in the dialect's own error shape. */
  void renderError(Context ctx, BackbeatException error);

  /** Renders the callbacks of tasks this dialect created; empty if it takes no callback URLs. */
  Optional<CallbackRenderer> callbackRenderer();

  /**
   * The before-handler that authenticates this dialect's requests. The default is the Backbeat API
   * key as a Bearer token; a dialect may also accept its upstream's own scheme.
   */
  default Handler authentication(Auth auth) {
    return auth::require;
  }
}
