package io.backbeat.client.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server refused a call: its HTTP status and its body in the dialect's own error shape (for
 * example Suno's {@code {"code","msg"}} or DashScope's {@code {"code","message"}}), parsed when JSON.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final JsonNode body;

  public ApiException(int status, JsonNode body, String message) {
    super(message);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The error body, or a missing node when it was not JSON. */
  public JsonNode body() {
    return body;
  }
}
