package io.backbeat.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The hand-written half of the API description, in the jar under {@code openapi/}: {@code common.yaml}
 * (info, shared schemas, security schemes) and one file per area listed in its {@code files}, each
 * mapping {@code "METHOD /path"} (a route's own path, not an alias) to its OpenAPI operation:
 * parameters, request body, responses per status, examples. Which routes exist is not written here:
 * that comes from the server's registered routes ({@link OpenApiDocument}).
 */
public final class ApiDescriptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode common;
  private final Map<String, ObjectNode> operations;

  private ApiDescriptions(ObjectNode common, Map<String, ObjectNode> operations) {
    this.common = common;
    this.operations = operations;
  }

  public static ApiDescriptions load() {
    ObjectNode common = read("common.yaml");
    Map<String, ObjectNode> operations = new LinkedHashMap<>();
    for (JsonNode file : common.path("files")) {
      ObjectNode described = read(file.asText());
      for (Iterator<Map.Entry<String, JsonNode>> it = described.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (entry.getKey().startsWith("x-")) {
          continue; // shared pieces, used through YAML anchors
        }
        if (operations.put(entry.getKey(), (ObjectNode) entry.getValue()) != null) {
          throw new IllegalStateException(entry.getKey() + " is described twice (second time in openapi/" + file.asText() + ")");
        }
      }
    }
    common.remove("files");
    return new ApiDescriptions(common, operations);
  }

  /** info, components and the other top-level parts, to be copied into the document. */
  public ObjectNode common() {
    return common;
  }

  /** The operation described for {@code method} and the route's own {@code path}, or null. */
  public ObjectNode operation(String method, String path) {
    ObjectNode operation = operations.get(method + " " + path);
    return operation == null ? null : operation.deepCopy();
  }

  /** Every described key, so a description of a route that no longer exists is noticed too. */
  public java.util.Set<String> describedKeys() {
    return operations.keySet();
  }

  private static ObjectNode read(String name) {
    try (InputStream in = ApiDescriptions.class.getResourceAsStream("/openapi/" + name)) {
      if (in == null) {
        throw new IllegalStateException("openapi/" + name + " is missing from the jar");
      }
      // SnakeYAML resolves the files' anchors, aliases and merge keys; Jackson's YAML reader does not
      LoaderOptions options = new LoaderOptions();
      // our own files in the jar, not input: the media files share their schemas through many aliases
      options.setMaxAliasesForCollections(1000);
      Object tree = new Yaml(options).load(in);
      return JSON.valueToTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("openapi/" + name + " cannot be read", e);
    }
  }
}
