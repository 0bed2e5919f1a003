package io.backbeat.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.client.BackbeatClient;
import io.backbeat.client.http.RetryPolicy;
import io.backbeat.client.tasks.TaskView;
import io.backbeat.client.tasks.WaitOptions;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.server.Extensions;
import io.backbeat.server.sdk.ForwardingProxy.Mode;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK against a real server, through a proxy that drops or refuses its event streams: the
 * task's end is learnt from the stream when it can be, and from polling when it can't.
 */
class SdkWaitForTest {
  private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
  private static TestServer server;

  /** Lyrics that finish only when the test opens the gate named by their prompt. */
  static final class GatedLyrics implements Provider {
    @Override
    public String name() {
      return "gated";
    }

    @Override
    public Set<TaskKind> kinds() {
      return Set.of(TaskKind.LYRICS);
    }

    @Override
    public int defaultSlots() {
      return 8;
    }

    @Override
    public Step step(Task task, TaskContext context) throws InterruptedException {
      String prompt = ((LyricsSpec) task.spec()).prompt();
      GATES.computeIfAbsent(prompt, p -> new CountDownLatch(1)).await(60, TimeUnit.SECONDS);
      ObjectNode result = TestServer.JSON.createObjectNode();
      result.putArray("lyrics").addObject().put("title", "Gate").put("text", "[Verse]\nopen " + prompt);
      return Step.succeed(result);
    }
  }

  private ForwardingProxy proxy;
  private BackbeatClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(), new Extensions(List.of(new GatedLyrics()), List.of()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void proxy() throws Exception {
    proxy = new ForwardingProxy(server.url(""));
    client = BackbeatClient.builder(URI.create(proxy.url()), server.apiKey).retries(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200))).build();
  }

  @AfterEach
  void closeProxy() {
    proxy.close();
  }

  private String create(String gate) {
    return client.suno().generateLyrics(gate, "https://example.com/callback");
  }

  /** Waits in the background, opens the gate once {@code ready} streams or polls were seen, returns the result. */
  private TaskView waitAndOpen(String taskId, String gate, WaitOptions options, String method, String suffix, long ready) throws Exception {
    CompletableFuture<TaskView> waiting = CompletableFuture.supplyAsync(() -> client.tasks().waitFor(taskId, options), r -> Thread.ofVirtual().start(r));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (proxy.count(method, suffix) < ready && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(proxy.count(method, suffix)).as("%s …%s requests before the gate opened: %s", method, suffix, proxy.seen()).isGreaterThanOrEqualTo(ready);
    GATES.computeIfAbsent(gate, p -> new CountDownLatch(1)).countDown();
    return waiting.get(30, TimeUnit.SECONDS);
  }

  @Test
  void wait_for_completes_on_the_event_stream_without_polling() throws Exception {
    String taskId = create("stream-gate");

    TaskView done = waitAndOpen(taskId, "stream-gate", WaitOptions.DEFAULT.withTimeout(Duration.ofSeconds(30)), "GET", "/events", 1);

    assertThat(done.status()).isEqualTo("succeeded");
    assertThat(done.result().path("lyrics").get(0).path("text").asText()).contains("open stream-gate");
    assertThat(proxy.count("GET", "/events")).isEqualTo(1);
    // one read before following the stream, one to confirm what the stream said: no polling
    assertThat(proxy.count("GET", "/v1/tasks/" + taskId)).as("%s", proxy.seen()).isEqualTo(2);
  }

  @Test
  void a_dropped_stream_is_resumed_after_its_last_event() throws Exception {
    proxy.mode(Mode.DROP_FIRST_STREAM_AFTER_ONE_EVENT);
    String taskId = create("drop-gate");

    TaskView done = waitAndOpen(taskId, "drop-gate", WaitOptions.DEFAULT.withTimeout(Duration.ofSeconds(30)), "GET", "/events", 2);

    assertThat(done.status()).isEqualTo("succeeded");
    List<ForwardingProxy.Seen> streams = proxy.seen().stream().filter(s -> s.path().endsWith("/events")).toList();
    assertThat(streams).hasSize(2);
    assertThat(streams.get(0).lastEventId()).isNull();
    assertThat(streams.get(1).lastEventId()).as("the resumed stream names the event it saw").isNotBlank();
    assertThat(proxy.count("GET", "/v1/tasks/" + taskId)).as("%s", proxy.seen()).isEqualTo(2);
  }

  @Test
  void a_refused_stream_falls_back_to_polling() throws Exception {
    proxy.mode(Mode.REFUSE_STREAMS);
    String taskId = create("poll-gate");
    WaitOptions options = new WaitOptions(Duration.ofSeconds(30), true, Duration.ofMillis(50), Duration.ofMillis(200), 5);

    // the initial read, then at least two polls while the task is still running
    TaskView done = waitAndOpen(taskId, "poll-gate", options, "GET", "/v1/tasks/" + taskId, 3);

    assertThat(done.status()).isEqualTo("succeeded");
    assertThat(proxy.count("GET", "/events")).isEqualTo(1);
  }

  @Test
  void a_create_whose_answer_was_lost_is_retried_with_the_same_key_and_makes_one_task() throws Exception {
    proxy.mode(Mode.LOSE_FIRST_CREATE_ANSWER);
    String gate = "retry-gate-" + System.nanoTime();
    GATES.computeIfAbsent(gate, p -> new CountDownLatch(1)).countDown();
    String key = server.newAccountKey("sdk-retry-" + System.nanoTime());
    BackbeatClient own = BackbeatClient.builder(URI.create(proxy.url()), key).retries(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200))).build();

    String taskId = own.suno().generateLyrics(gate, "https://example.com/callback");

    List<ForwardingProxy.Seen> creates = proxy.seen().stream().filter(s -> s.method().equals("POST")).toList();
    assertThat(creates).hasSize(2);
    assertThat(creates.get(0).idempotencyKey()).isNotBlank().isEqualTo(creates.get(1).idempotencyKey());
    assertThat(own.tasks().list(null, 10)).extracting(TaskView::id).containsExactly(taskId);
    assertThat(own.tasks().waitFor(taskId).status()).isEqualTo("succeeded");
  }
}
