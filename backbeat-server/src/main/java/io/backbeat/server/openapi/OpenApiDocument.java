package io.backbeat.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI 3.1 document of the running server. Its paths are the routes the server really
 * registered (every dialect's routes with their aliases, the native API, assets, operations), so it
 * cannot list a route that does not exist or miss one that does; each path's operation comes from
 * {@link ApiDescriptions}, enriched with what the route table knows (task kind, synchronous or not,
 * the idempotency header, the dialect as tag). A registered route without a description is still
 * listed, marked {@code x-undocumented}: the tests refuse that.
 */
public final class OpenApiDocument {
  /** A registered endpoint: what the HTTP server routes. */
  public record Endpoint(String method, String path) {}

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

  private OpenApiDocument() {}

  public static ObjectNode build(List<Endpoint> endpoints, List<Dialect> dialects, ApiDescriptions descriptions, String serverUrl) {
    ObjectNode document = Json.object();
    document.put("openapi", "3.1.0");
    document.setAll(descriptions.common().deepCopy());
    document.putArray("servers").addObject().put("url", serverUrl);
    ObjectNode paths = document.putObject("paths");
    Set<String> tags = new LinkedHashSet<>();
    List<Endpoint> sorted = new ArrayList<>(endpoints.stream().filter(e -> METHODS.contains(e.method())).distinct().toList());
    sorted.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
    for (Endpoint endpoint : sorted) {
      String path = endpoint.path().replace('<', '{').replace('>', '}');
      Optional<Owned> owned = find(dialects, endpoint.method(), endpoint.path());
      String mainPath = owned.map(o -> o.route().path()).orElse(path);
      ObjectNode operation = descriptions.operation(endpoint.method(), mainPath);
      if (operation == null) {
        operation = Json.object();
        operation.put("summary", owned.map(o -> summary(o.route())).orElse(endpoint.method() + " " + path));
        operation.put("x-undocumented", true);
        operation.putObject("responses").putObject("default").put("description", "undocumented");
      }
      String tag = owned.map(o -> o.dialect().name()).orElse(operation.path("tags").path(0).asText("operations"));
      if (!operation.has("tags")) {
        operation.putArray("tags").add(tag);
      }
      tags.add(operation.path("tags").path(0).asText());
      operation.put("operationId", operationId(endpoint.method(), path));
      if (owned.isPresent()) {
        enrich(operation, owned.get(), path);
      }
      paths.withObjectProperty(path).set(endpoint.method().toLowerCase(Locale.ROOT), operation);
    }
    ArrayNode tagList = document.putArray("tags");
    tags.forEach(t -> tagList.addObject().put("name", t));
    return document;
  }

  private record Owned(Dialect dialect, Route route) {}

  private static Optional<Owned> find(List<Dialect> dialects, String method, String path) {
    for (Dialect dialect : dialects) {
      for (Route route : dialect.routes()) {
        if (route.method().name().equals(method) && route.paths().contains(path)) {
          return Optional.of(new Owned(dialect, route));
        }
      }
    }
    return Optional.empty();
  }

  private static String summary(Route route) {
    return switch (route.purpose()) {
      case Route.CreatesTask creates -> "creates a " + creates.kind() + " task";
      case Route.QueriesTasks queries -> "the state of " + queries.family() + " tasks";
      case Route.Other other -> other.summary();
    };
  }

  /** What the route table knows, added so the description cannot contradict it. */
  private static void enrich(ObjectNode operation, Owned owned, String path) {
    Route route = owned.route();
    if (!path.equals(route.path())) {
      operation.put("description", (operation.path("description").asText("") + "\n\nAlias of `" + route.method() + " " + route.path() + "`: same handler, same idempotency scope, same task.").strip());
    } else if (!route.aliases().isEmpty()) {
      operation.put("x-aliases", String.join(", ", route.aliases()));
    }
    operation.put("x-dialect", owned.dialect().name());
    if (route.purpose() instanceof Route.QueriesTasks queries) {
      operation.put("x-query-family", queries.family());
    }
    if (route.purpose() instanceof Route.CreatesTask creates) {
      operation.put("x-task-kind", creates.kind().name());
      operation.put("x-query-family", creates.family());
      operation.put("x-synchronous", creates.synchronous());
      ArrayNode parameters = operation.withArray("parameters");
      boolean declared = false;
      for (JsonNode parameter : parameters) {
        declared |= "Idempotency-Key".equalsIgnoreCase(parameter.path("name").asText());
      }
      if (!declared) {
        parameters.addObject().put("$ref", "#/components/parameters/IdempotencyKey");
      }
    }
  }

  private static String operationId(String method, String path) {
    StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
    for (String part : path.split("[/{}.\\-]+")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.toString();
  }

}
