package io.backbeat.client.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task as the native API shows it ({@code GET /v1/tasks/{id}}), whatever dialect created it.
 *
 * @param status {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code canceled}
 * @param stage {@code none}, {@code text}, {@code first} or {@code complete} (music tasks report stages)
 * @param errorCode the canonical failure code when failed, else null
 * @param result the canonical result with an {@code …Url} beside every asset, or a missing node
 * @param raw the whole view, for fields this record doesn't name
 */
public record TaskView(String id, String kind, String status, String stage, String errorCode, String errorMessage, JsonNode result, JsonNode raw) {

  public static TaskView of(JsonNode view) {
    JsonNode error = view.path("error");
    return new TaskView(
        view.path("id").asText(),
        view.path("kind").asText(),
        view.path("status").asText(),
        view.path("stage").asText(),
        error.isObject() ? error.path("code").asText(null) : null,
        error.isObject() ? error.path("message").asText(null) : null,
        view.path("result"),
        view);
  }

  public boolean isTerminal() {
    return isTerminal(status);
  }

  public boolean succeeded() {
    return "succeeded".equals(status);
  }

  static boolean isTerminal(String status) {
    return "succeeded".equals(status) || "failed".equals(status) || "canceled".equals(status);
  }
}
