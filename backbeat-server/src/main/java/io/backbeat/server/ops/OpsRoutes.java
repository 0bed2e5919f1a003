package io.backbeat.server.ops;

import static java.util.Objects.requireNonNull;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process answers), {@code /readyz} (it can serve: database up), {@code /metrics}. */
public final class OpsRoutes {
  private final BooleanSupplier ready;
  private final PrometheusMeterRegistry registry;

  public OpsRoutes(BooleanSupplier ready, PrometheusMeterRegistry registry) {
    this.ready = requireNonNull(ready, "ready is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  public void register(RoutesConfig routes) {
    routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
    routes.get(
        "/readyz",
        ctx -> {
          boolean ok;
          try {
            ok = ready.getAsBoolean();
          } catch (RuntimeException e) {
            ok = false;
          }
          ctx.status(ok ? 200 : 503).contentType("application/json").result(ok ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\"}");
        });
    routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
  }
}
