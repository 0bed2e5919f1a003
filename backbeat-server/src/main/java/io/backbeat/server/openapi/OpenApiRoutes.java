package io.backbeat.server.openapi;

import static java.util.Objects.requireNonNull;

import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /openapi.json}: the document of this server's routes, built once on first request (the
 * routes are fixed once the server runs). Public, like the docs page that renders it ({@code /docs}).
 */
public final class OpenApiRoutes {
  private final Supplier<List<OpenApiDocument.Endpoint>> endpoints;
  private final Supplier<List<Dialect>> dialects;
  private final Supplier<String> serverUrl;
  private volatile byte[] document;

  public OpenApiRoutes(Supplier<List<OpenApiDocument.Endpoint>> endpoints, Supplier<List<Dialect>> dialects, Supplier<String> serverUrl) {
    this.endpoints = requireNonNull(endpoints, "endpoints is null");
    this.dialects = requireNonNull(dialects, "dialects is null");
    this.serverUrl = requireNonNull(serverUrl, "serverUrl is null");
  }

  public void register(RoutesConfig routes) {
    routes.get("/openapi.json", this::serve);
  }

  private void serve(Context ctx) {
    byte[] bytes = document;
    if (bytes == null) {
      bytes = Json.write(OpenApiDocument.build(endpoints.get(), dialects.get(), ApiDescriptions.load(), serverUrl.get())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      document = bytes;
    }
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType("application/json").result(bytes);
  }
}
