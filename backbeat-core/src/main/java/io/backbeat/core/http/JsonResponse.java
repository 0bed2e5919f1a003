package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A JSON answer: its status, its headers ({@code Retry-After}, {@code Content-Type}) and its parsed
 * body. An empty body, or a body that is not JSON on an error status (a proxy's HTML page), is a
 * {@link com.fasterxml.jackson.databind.node.MissingNode}: for an error, the status is the answer.
 */
public record JsonResponse(int status, Headers headers, JsonNode body) {
  public JsonResponse {
    requireNonNull(headers, "headers is null");
    requireNonNull(body, "body is null");
  }

  public boolean isSuccessful() {
    return status >= 200 && status <= 299;
  }

  /** When the target asked to come back ({@code Retry-After}), if it did. */
  public Optional<Instant> retryAfter(Instant now) {
    return RetryAfter.of(headers, now);
  }
}
