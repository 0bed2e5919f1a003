package io.backbeat.server.ops;

import static java.util.Objects.requireNonNull;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@code /healthz} (the process answers), {@code /readyz} (it can serve: database up), {@code /metrics}. */
public final class OpsRoutes {
  private final BooleanSupplier ready;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Map<String, String>> details;

  /** @param details facts shown beside the status (e.g. which sound bank the local studio plays) */
  public OpsRoutes(BooleanSupplier ready, PrometheusMeterRegistry registry, Supplier<Map<String, String>> details) {
    this.ready = requireNonNull(ready, "ready is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.details = requireNonNull(details, "details is null");
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
          Map<String, String> body = new LinkedHashMap<>();
          body.put("status", ok ? "ready" : "not ready");
          body.put("database", ok ? "up" : "down");
          body.putAll(details.get());
          ctx.status(ok ? 200 : 503).json(body);
        });
    routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
  }
}
