package io.backbeat.client.tasks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.client.http.ApiException;
import io.backbeat.client.http.ApiTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The native task API ({@code /v1/tasks}): any task of the account, whichever dialect created it,
 * and {@link #waitFor} — which follows the task's live events and falls back to polling.
 */
public final class Tasks {
  private final ApiTransport transport;

  public Tasks(ApiTransport transport) {
    this.transport = requireNonNull(transport, "transport is null");
  }

  public TaskView get(String taskId) {
    return TaskView.of(transport.get("/v1/tasks/" + ApiTransport.query(taskId)).body());
  }

  /** Newest first; {@code status} may be null for every status. */
  public List<TaskView> list(String status, int limit) {
    String query = "/v1/tasks?limit=" + limit + (status == null ? "" : "&status=" + ApiTransport.query(status));
    List<TaskView> views = new ArrayList<>();
    transport.get(query).body().path("data").forEach(view -> views.add(TaskView.of(view)));
    return views;
  }

  /** Stops queued or running work; its credit hold is refunded. */
  public TaskView cancel(String taskId) {
    return TaskView.of(transport.post("/v1/tasks/" + ApiTransport.query(taskId) + "/cancel", new byte[0]).body());
  }

  public TaskView waitFor(String taskId) {
    return waitFor(taskId, WaitOptions.DEFAULT);
  }

  /**
   * Returns the task once it is terminal (succeeded, failed or canceled: check {@link TaskView#status()}).
   * Rides the event stream; a dropped stream is resumed where it stopped (events carry their sequence
   * number as id); a refused stream, or too many drops, switch to polling with growing intervals. The
   * final state always comes from a fetch, never from the event alone.
   *
   * @throws WaitTimeoutException when the task is still running at the timeout
   */
  public TaskView waitFor(String taskId, WaitOptions options) {
    Instant deadline = Instant.now().plus(options.timeout());
    TaskView current = get(taskId);
    if (current.isTerminal()) {
      return current;
    }
    if (options.useEvents()) {
      String lastEventId = null;
      for (int drops = 0; drops <= options.reconnects() && Instant.now().isBefore(deadline); ) {
        StreamEnd end = follow(taskId, lastEventId, deadline);
        if (end instanceof StreamEnd.Terminal) {
          return get(taskId);
        }
        if (end instanceof StreamEnd.Refused) {
          break;
        }
        lastEventId = ((StreamEnd.Dropped) end).lastEventId();
        drops++;
      }
    }
    Duration interval = options.firstPoll();
    while (true) {
      current = get(taskId);
      if (current.isTerminal()) {
        return current;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new WaitTimeoutException("task " + taskId + " is still " + current.status() + " after " + options.timeout(), current);
      }
      sleep(interval.compareTo(left) < 0 ? interval : left);
      long next = interval.toMillis() * 3 / 2;
      interval = Duration.ofMillis(Math.min(next, options.maxPoll().toMillis()));
    }
  }

  /** How one connection to the event stream ended. */
  private sealed interface StreamEnd {
    record Terminal() implements StreamEnd {}

    /** The connection broke or the deadline closed it; resume after {@code lastEventId} (null: from the start). */
    record Dropped(String lastEventId) implements StreamEnd {}

    /** The server (or something before it) would not stream: poll instead. */
    record Refused() implements StreamEnd {}
  }

  private StreamEnd follow(String taskId, String lastEventId, Instant deadline) {
    HttpRequest.Builder request =
        transport.request("/v1/tasks/" + ApiTransport.query(taskId) + "/events").setHeader("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response;
    try {
      response = transport.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      return new StreamEnd.Dropped(lastEventId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    int status = response.statusCode();
    boolean isStream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
    if (status == 404 || status == 401) {
      close(response.body());
      throw new ApiException(status, com.fasterxml.jackson.databind.node.MissingNode.getInstance(), "task " + taskId + ": events answered " + status);
    }
    if (status != 200 || !isStream) {
      close(response.body());
      return new StreamEnd.Refused();
    }
    InputStream body = response.body();
    // the stream is read on this thread; a virtual thread ends it at the deadline
    Thread closer = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
        close(body);
      } catch (InterruptedException e) {
        // the stream ended first
      }
    });
    String seen = lastEventId;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      ServerSentEvents events = new ServerSentEvents(reader);
      Optional<ServerSentEvents.Event> event;
      while ((event = events.next()).isPresent()) {
        if (event.get().id() != null) {
          seen = event.get().id();
        }
        JsonNode data = transport.json().readTree(event.get().data());
        if (taskId.equals(data.path("taskId").asText()) && TaskView.isTerminal(data.path("status").asText())) {
          return new StreamEnd.Terminal();
        }
      }
      return new StreamEnd.Dropped(seen);
    } catch (IOException e) {
      return new StreamEnd.Dropped(seen);
    } finally {
      closer.interrupt();
    }
  }

  private static void close(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
