package io.backbeat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.server.logging.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes a request body safe to store: fields whose names say they hold credentials are dropped, and
 * any string that looks like a key, secret, signature or bearer token is masked. Auth travels in
 * headers, which are never stored; this guards against clients that put a key in the body anyway.
 */
public final class PayloadScrubber {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(api[-_]?key|secret|password|passwd|token|authorization|signature|credential).*");

  private PayloadScrubber() {}

  public static ObjectNode scrub(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    scrubNode(copy);
    return copy;
  }

  private static void scrubNode(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
          object.remove(name);
        } else if (value.isTextual()) {
          String masked = Redactor.redact(value.asText());
          if (!masked.equals(value.asText())) {
            object.put(name, masked);
          }
        } else {
          scrubNode(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isTextual()) {
          array.set(i, array.textNode(Redactor.redact(value.asText())));
        } else {
          scrubNode(value);
        }
      }
    }
  }
}
