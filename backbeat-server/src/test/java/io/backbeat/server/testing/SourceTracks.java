package io.backbeat.server.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.task.Transition;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.SongSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Music tasks put straight into a server's database for tests of the routes that work on an earlier
 * track (their prerequisites): a provider no node runs keeps them from being rendered, and the test
 * moves them to the state it needs (finished with two tracks, still running, failed).
 */
public final class SourceTracks {
  private static final String PROVIDER = "test-fixture";

  private SourceTracks() {}

  /** A music task's id and its two track ids. */
  public record Source(String taskId, List<String> audioIds) {
    public String audioId() {
      return audioIds.get(0);
    }
  }

  /** A finished V-{@code model} song of {@code accountId}'s with two tracks of {@code seconds}, sung when {@code lyrics} is not null. */
  public static Source finished(TestServer server, String accountId, String model, double seconds, String lyrics) {
    Task task = insert(server, accountId, model);
    ObjectNode result = result(task, seconds, lyrics);
    claim(server);
    server.app().tasks().advance(Transition.succeeded(task.id(), PROVIDER, result));
    return source(task, result);
  }

  /** A song still rendering: its tracks are planned (the text stage), not finished. */
  public static Source running(TestServer server, String accountId, String model) {
    Task task = insert(server, accountId, model);
    ObjectNode result = result(task, 30, "[Verse]\nStill going");
    claim(server);
    server.app().tasks().advance(Transition.stageReached(task.id(), PROVIDER, Stage.NONE, Stage.TEXT, result));
    return source(task, result);
  }

  private static Task insert(TestServer server, String accountId, String model) {
    Instant now = Instant.now();
    Task task =
        Task.queued(
            TaskIds.newId(), accountId, null, "suno", "suno.music", PROVIDER,
            new SongSpec(model, new Composition(null, "[Verse]\nA fixture", "Fixture", "pop", false, null), 480, null),
            TestServer.JSON.createObjectNode().put("model", model), now);
    server.app().database().transactor().inTransaction(tx -> {
      tx.tasks().insert(task);
      return null;
    });
    return task;
  }

  private static void claim(TestServer server) {
    Instant now = Instant.now();
    server.app().database().transactor().inTransaction(tx -> tx.tasks().claimDue(PROVIDER, PROVIDER, now.plusSeconds(1), now.plus(Duration.ofHours(1)), 100));
  }

  private static ObjectNode result(Task task, double seconds, String lyrics) {
    ObjectNode result = TestServer.JSON.createObjectNode().put("title", "Fixture").put("tags", "pop");
    ArrayNode clips = result.putArray("clips");
    for (int i = 0; i < 2; i++) {
      clips.addObject()
          .put("id", UUID.nameUUIDFromBytes((task.id() + "/" + i).getBytes()).toString())
          .put("title", "Fixture").put("tags", "pop").put("prompt", lyrics == null ? "" : lyrics).put("duration", seconds);
    }
    return result;
  }

  private static Source source(Task task, ObjectNode result) {
    return new Source(task.id(), List.of(result.path("clips").get(0).path("id").asText(), result.path("clips").get(1).path("id").asText()));
  }
}
