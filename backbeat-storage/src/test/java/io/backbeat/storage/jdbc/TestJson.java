package io.backbeat.storage.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON objects for test fixtures, from the storage layer's one ObjectMapper. */
public final class TestJson {
  private TestJson() {}

  public static ObjectNode object(String field, String value) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put(field, value);
    return node;
  }
}
