package io.backbeat.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON columns (request, original_payload, result) are TEXT holding one JSON object each. */
final class Json {
  /** The one ObjectMapper of the storage layer; thread-safe once configured. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(ObjectNode node) {
    if (node == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize JSON column", e);
    }
  }

  static ObjectNode readObject(String text, String column) {
    if (text == null) {
      return null;
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("column " + column + " does not hold valid JSON", e);
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new IllegalStateException("column " + column + " holds " + node.getNodeType() + ", expected a JSON object");
  }
}
