package io.backbeat.server.http;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.service.NewTask;
import io.backbeat.core.task.service.OutputAlreadyClaimed;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds a dialect's routes. Create routes are wired here, once, to the shared creation path
 * (rate limit, {@code Idempotency-Key}, credits, insert): a dialect only parses the request into a
 * spec and renders answers.
 *
 * <pre>{@code
 * RouteTable routes = new RouteTable("suno", creation);
 * routes.post("/suno/generate").alias("/api/v1/generate").createsTask(TaskKind.SONG, "suno.music", generate::parse, accepted);
 * routes.get("/suno/query/task").alias("/api/v1/generate/record-info").queriesTasks("suno.music", handler);
 * }</pre>
 */
public final class RouteTable {
  /** Parses and validates a create request; throws a BackbeatException for a bad one. */
  @FunctionalInterface
  public interface Parser {
    ParsedTask parse(Context ctx);
  }

  /** Renders the answer to a create: the accepted task (async) or the finished one (sync). */
  @FunctionalInterface
  public interface Answer {
    TaskCreation.Response render(Task task);
  }

  private final String dialect;
  private final TaskCreation creation;
  private final List<Route> routes = new ArrayList<>();

  public RouteTable(String dialect, TaskCreation creation) {
    this.dialect = requireNonNull(dialect, "dialect is null");
    this.creation = creation; // null for dialects that create no tasks
  }

  public Builder get(String path) {
    return new Builder(HandlerType.GET, path);
  }

  public Builder post(String path) {
    return new Builder(HandlerType.POST, path);
  }

  public Builder delete(String path) {
    return new Builder(HandlerType.DELETE, path);
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** One route being declared. */
  public final class Builder {
    private final HandlerType method;
    private final String path;
    private final List<String> aliases = new ArrayList<>();

    private Builder(HandlerType method, String path) {
      this.method = method;
      this.path = requireNonNull(path, "path is null");
    }

    public Builder alias(String alias) {
      aliases.add(requireNonNull(alias, "alias is null"));
      return this;
    }

    /** An asynchronous create: answers {@code accepted(task)} as soon as the task is queued. */
    public Route createsTask(TaskKind kind, String family, Parser parser, Function<Task, String> accepted) {
      Route.CreatesTask purpose = new Route.CreatesTask(kind, family, null, method.name() + " " + path);
      return add(
          purpose,
          ctx -> {
            ParsedTask parsed = parse(ctx, purpose, parser);
            answeringClaims(parsed, () -> creation().create(ctx, purpose.idempotencyScope(), newTask(ctx, purpose, parsed), accepted));
          });
    }

    /**
     * A synchronous create: the task is created like any other (listed, billed, idempotent), and
     * the answer, {@code finished(task)}, is written once it has ended (or a timeout error after {@code wait}).
     */
    public Route createsTaskAndWaits(TaskKind kind, String family, Duration wait, Parser parser, Answer finished) {
      requireNonNull(wait, "wait is null");
      Route.CreatesTask purpose = new Route.CreatesTask(kind, family, wait, method.name() + " " + path);
      return add(
          purpose,
          ctx -> {
            ParsedTask parsed = parse(ctx, purpose, parser);
            answeringClaims(parsed, () -> creation().createAndWait(ctx, purpose.idempotencyScope(), newTask(ctx, purpose, parsed), wait, finished));
          });
    }

    public Route queriesTasks(String family, Handler handler) {
      return add(new Route.QueriesTasks(family), handler);
    }

    public Route handles(String summary, Handler handler) {
      return add(new Route.Other(summary), handler);
    }

    private ParsedTask parse(Context ctx, Route.CreatesTask purpose, Parser parser) {
      ParsedTask parsed = parser.parse(ctx);
      if (parsed.spec().kind() != purpose.kind()) {
        throw new IllegalStateException(
            "route " + method + " " + path + " is declared to create " + purpose.kind() + " tasks, but its parser made a "
                + parsed.spec().kind() + " spec; this is a bug");
      }
      return parsed;
    }

    /** Runs the create; a one-per-source output held by another task gets the dialect's own answer. */
    private static void answeringClaims(ParsedTask parsed, Runnable create) {
      try {
        create.run();
      } catch (OutputAlreadyClaimed taken) {
        throw parsed.claimed(taken.holderTaskId());
      }
    }

    private NewTask newTask(Context ctx, Route.CreatesTask purpose, ParsedTask parsed) {
      return new NewTask(Auth.principal(ctx), dialect, purpose.family(), parsed.spec(), parsed.originalPayload(), parsed.clientReference());
    }

    private Route add(Route.Purpose purpose, Handler handler) {
      Route route = new Route(method, path, aliases, purpose, handler);
      routes.add(route);
      return route;
    }
  }

  private TaskCreation creation() {
    if (creation == null) {
      throw new IllegalStateException("dialect " + dialect + " declared a create route without a TaskCreation");
    }
    return creation;
  }
}
