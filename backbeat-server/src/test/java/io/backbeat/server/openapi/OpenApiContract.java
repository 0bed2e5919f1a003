package io.backbeat.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's own /openapi.json as a test oracle: finds the operation of a real request by method
 * and path template, and checks a real answer against the response described for its status
 * (JSON Schema 2020-12, by networknt's validator, with the document's $refs resolved). Remembers what
 * was exercised, so a test can insist every operation was.
 */
public final class OpenApiContract {
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  final JsonNode document;
  private final Map<String, Set<Integer>> exercised = new ConcurrentHashMap<>();

  OpenApiContract(JsonNode document) {
    this.document = document;
  }

  public static OpenApiContract of(TestServer server) {
    return new OpenApiContract(TestServer.json(server.get("/openapi.json", null)));
  }

  /** Every {@code "METHOD /template"} of the document. */
  List<String> operations() {
    List<String> all = new ArrayList<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(m -> all.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return all;
  }

  JsonNode operation(String method, String template) {
    return document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
  }

  Map<String, Set<Integer>> exercised() {
    return exercised;
  }

  /**
   * Checks a real answer to {@code method template}: its status is documented, and a JSON body
   * matches the documented schema. Returns what is wrong (empty when it matches).
   */
  public List<String> check(String method, String template, HttpResponse<String> response) {
    List<String> problems = new ArrayList<>();
    JsonNode operation = operation(method, template);
    if (operation.isMissingNode()) {
      problems.add(method + " " + template + " is not in the document");
      return problems;
    }
    int status = response.statusCode();
    exercised.computeIfAbsent(method + " " + template, k -> ConcurrentHashMap.newKeySet()).add(status);
    JsonNode described = resolve(operation.path("responses").path(Integer.toString(status)));
    if (described.isMissingNode()) {
      problems.add(method + " " + template + " answered " + status + ", which is not documented: " + excerpt(response.body()));
      return problems;
    }
    String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    JsonNode content = described.path("content");
    if (content.isMissingNode() || content.isEmpty() || method.equals("HEAD")) {
      return problems;
    }
    JsonNode media = content.has(type) ? content.path(type) : content.path("*/*");
    if (media.isMissingNode()) {
      problems.add(method + " " + template + " " + status + " answered " + type + "; documented: " + content.fieldNames().next());
      return problems;
    }
    if (type.equals("application/json") && media.has("schema")) {
      problems.addAll(validate(media.path("schema"), response.body(), method + " " + template + " " + status));
    }
    return problems;
  }

  /** Validates {@code json} against a schema of the document ($refs into components inlined). */
  List<String> validate(JsonNode schema, String json, String what) {
    ObjectNode standalone = (ObjectNode) inline(schema.deepCopy(), 0);
    standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    Schema compiled = SCHEMAS.getSchema(TestServer.JSON.valueToTree(standalone).toString(), InputFormat.JSON);
    List<String> problems = new ArrayList<>();
    compiled.validate(json, InputFormat.JSON).forEach(error -> problems.add(what + ": " + error + " in " + excerpt(json)));
    return problems;
  }

  JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      node = pointer(node.path("$ref").asText());
    }
    return node;
  }

  private JsonNode pointer(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("only local $refs are used: " + ref);
    }
    return document.at(ref.substring(1));
  }

  private JsonNode inline(JsonNode node, int depth) {
    if (depth > 40) {
      throw new IllegalStateException("schemas nest too deep (a cycle?)");
    }
    if (node instanceof ObjectNode object) {
      if (object.has("$ref")) {
        JsonNode target = pointer(object.path("$ref").asText());
        if (target.isMissingNode()) {
          throw new IllegalStateException("dangling $ref " + object.path("$ref").asText());
        }
        return inline(target.deepCopy(), depth + 1);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        entry.setValue(inline(entry.getValue(), depth + 1));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, inline(array.get(i), depth + 1));
      }
    }
    return node;
  }

  private static String excerpt(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }
}
