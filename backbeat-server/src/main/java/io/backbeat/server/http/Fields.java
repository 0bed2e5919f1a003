package io.backbeat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatException;

/** Typed reads of request fields; every error names the field and what is expected. */
public final class Fields {
  private Fields() {}

  /** A required, non-blank string. */
  public static String requiredString(ObjectNode body, String field) {
    String value = optionalString(body, field);
    if (value == null) {
      throw BackbeatException.invalid(field + " is required");
    }
    if (value.isBlank()) {
      throw BackbeatException.invalid(field + " must not be empty");
    }
    return value;
  }

  /** A string or absent/null (then null). Numbers or objects are refused, not coerced. */
  public static String optionalString(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw BackbeatException.invalid(field + " must be a string");
    }
    return node.asText();
  }

  public static boolean requiredBoolean(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw BackbeatException.invalid(field + " is required (true or false)");
    }
    if (!node.isBoolean()) {
      throw BackbeatException.invalid(field + " must be true or false");
    }
    return node.asBoolean();
  }

  public static Boolean optionalBoolean(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw BackbeatException.invalid(field + " must be true or false");
    }
    return node.asBoolean();
  }

  /** A number in [min, max], or absent (then null). */
  public static Double optionalNumber(ObjectNode body, String field, double min, double max) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw BackbeatException.invalid(field + " must be a number");
    }
    double value = node.asDouble();
    if (Double.isNaN(value) || value < min || value > max) {
      throw BackbeatException.invalid(field + " must be between " + trim(min) + " and " + trim(max));
    }
    return value;
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
