package io.backbeat.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;

/** The one ObjectMapper of the HTTP layer, and request-body parsing with dialect-friendly errors. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses a request body that must be a JSON object. */
  public static ObjectNode parseObject(String body) {
    if (body == null || body.isBlank()) {
      throw BackbeatException.invalid("request body must be a JSON object; it is empty");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw BackbeatException.invalid("request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw BackbeatException.invalid("request body must be a JSON object");
    }
    return object;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
