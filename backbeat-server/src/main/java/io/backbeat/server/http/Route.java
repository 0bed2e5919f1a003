package io.backbeat.server.http;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskKind;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.List;

/**
 * One route of a dialect, declared once: its method and path, the other paths it answers under
 * (the sunoapi.org {@code /api/v1/…} family for the AnyInt {@code /suno/…} one), and what it does.
 * Aliases are the same route: same handler, same idempotency scope, same task.
 */
public record Route(HandlerType method, String path, List<String> aliases, Purpose purpose, Handler handler) {
  public Route {
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
    aliases = List.copyOf(aliases);
    requireNonNull(purpose, "purpose is null");
    requireNonNull(handler, "handler is null");
  }

  /** Every path this route answers under, its own first. */
  public List<String> paths() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(path), aliases.stream()).toList();
  }

  /** What a route does; documentation (and OpenAPI) is generated from it. */
  public sealed interface Purpose {}

  /**
   * Creates a task of {@code kind}, polled through query family {@code family}.
   *
   * @param answersWithin null for asynchronous routes (they answer the task id at once); for synchronous
   *     ones, how long the answer waits for the task to finish
   * @param idempotencyScope the {@code Idempotency-Key} scope, shared by every alias
   */
  public record CreatesTask(TaskKind kind, String family, Duration answersWithin, String idempotencyScope) implements Purpose {
    public CreatesTask {
      requireNonNull(kind, "kind is null");
      requireNonNull(family, "family is null");
      requireNonNull(idempotencyScope, "idempotencyScope is null");
    }

    public boolean synchronous() {
      return answersWithin != null;
    }
  }

  /** Answers the state of tasks of query family {@code family}. */
  public record QueriesTasks(String family) implements Purpose {
    public QueriesTasks {
      requireNonNull(family, "family is null");
    }
  }

  /** Anything else: accounts, listings, deliveries, live events. */
  public record Other(String summary) implements Purpose {}
}
