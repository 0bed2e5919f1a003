package io.backbeat.server.http;

import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.webhook.CallbackRenderer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** One API surface (Suno, DashScope, Kling, native): its routes, its error shape, its callbacks. */
public interface Dialect {

  /** Stored in {@code task.dialect}; selects the callback renderer. */
  String name();

  /** Requests under this path belong to the dialect (auth and errors in its shape). */
  String pathPrefix();

  void registerRoutes(RoutesConfig routes);

  /** Writes {@code error} in the dialect's own error shape. */
  void renderError(Context ctx, BackbeatException error);

  CallbackRenderer callbackRenderer();
}
