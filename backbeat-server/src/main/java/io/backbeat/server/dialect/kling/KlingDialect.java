package io.backbeat.server.dialect.kling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.Route;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Kling surface under {@code /transtreams/kling/v1} (contract-media.md §5–§8): the
 * {@code {code, message, request_id, data}} envelope with integer codes; errors carry no {@code data}.
 * Its image and video routes are declared in {@link #routes()}.
 */
public final class KlingDialect implements Dialect {
  public static final String NAME = "kling";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/transtreams/kling/");
  }

  @Override
  public List<Route> routes() {
    return List.of();
  }

  @Override
  public void renderError(Context ctx, BackbeatException error) {
    KlingErrors.Code code = KlingErrors.of(error.error());
    ObjectNode body = Json.object().put("code", code.code()).put("message", error.getMessage()).put("request_id", UUID.randomUUID().toString());
    ctx.status(code.httpStatus()).contentType("application/json").result(Json.write(body));
  }

  @Override
  public Optional<CallbackRenderer> callbackRenderer() {
    return Optional.empty();
  }
}
