package io.backbeat.server.dialect.dashscope;

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
 * The DashScope surface under {@code /dashscope/v1} (contract-media.md §1–§4). Errors are DashScope's
 * flat {@code {"request_id","code","message"}} with its HTTP statuses, and never carry a top-level
 * {@code data} key. Its image and video routes are declared in {@link #routes()}.
 */
public final class DashScopeDialect implements Dialect {
  public static final String NAME = "dashscope";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/dashscope/");
  }

  @Override
  public List<Route> routes() {
    return List.of();
  }

  @Override
  public void renderError(Context ctx, BackbeatException error) {
    DashScopeErrors.Code code = DashScopeErrors.of(error.error());
    ObjectNode body = Json.object().put("request_id", UUID.randomUUID().toString()).put("code", code.code()).put("message", error.getMessage());
    ctx.status(code.httpStatus()).contentType("application/json").result(Json.write(body));
  }

  /** DashScope has no callbacks: clients poll {@code /tasks/{task_id}}. */
  @Override
  public Optional<CallbackRenderer> callbackRenderer() {
    return Optional.empty();
  }
}
