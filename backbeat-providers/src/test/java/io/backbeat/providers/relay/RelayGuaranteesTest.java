package io.backbeat.providers.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.backbeat.core.http.ChannelRateLimitInterceptor;
import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.queue.Dispatcher;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.core.testkit.SettableClock;
import io.backbeat.providers.fake.FakeKling;
import io.backbeat.providers.fake.FakeSuno;
import io.backbeat.providers.fake.Faults;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Guarantees of issue 12 that the behaviour-by-behaviour tests leave implicit: parked upstream tasks
 * hold no threads, polls back off by age, a channel's token bucket spaces its calls, a Suno 531 refunds exactly once, a callback never decides
 * a task's state, and no credential or callback token reaches a log line or a task's error.
 */
class RelayGuaranteesTest {
  static final String KEY = "suno-guarantee-key-7f3a";
  static final String REVOKED = "suno-revoked-key-91cc";
  static final String ACCESS = "kling-access-guarantee-2b";
  static final String SECRET = "kling-secret-guarantee-e4d9";

  @TempDir Path dir;
  final SettableClock clock = new SettableClock(RelayHarness.T0);
  final List<AutoCloseable> open = new ArrayList<>();
  FakeSuno suno;
  RelayHarness harness;

  @AfterEach
  void close() throws Exception {
    if (harness != null) harness.close();
    for (AutoCloseable c : open) c.close();
  }

  static ChannelConfig suno(String name, ChannelType type, String baseUrl, String key, int priority) {
    return ChannelConfig.of(name, type, baseUrl)
        .withApiKey(Secret.of(key))
        .withRouting(Set.of(), Set.of(), priority, 1)
        // generous: no test here is about slow answers, and a cold JVM on a loaded machine is slow
        .withLimits(null, 0, Duration.ofSeconds(10))
        .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(30), Duration.ofSeconds(60));
  }

  void openSuno(Faults faults) throws Exception {
    suno = new FakeSuno(FakeSuno.Family.SUNOAPI, clock, 11, faults, KEY);
    open.add(suno);
    harness = new RelayHarness(dir, List.of(suno("suno-main", ChannelType.SUNOAPI, suno.baseUrl(), KEY, 10)), clock);
  }

  static SongSpec song(String idea) {
    return SunoRelayTest.song(idea);
  }

  Task runToEnd(String taskId, FakeSuno... upstreams) {
    return harness.runToEnd(taskId, 300, upstreams);
  }

  // ---- polling as scheduling ----

  @Test
  void a_thousand_tasks_running_upstream_are_parked_in_their_rows_and_hold_no_threads() throws Exception {
    suno = new FakeSuno(FakeSuno.Family.SUNOAPI, clock, 11, Faults.NONE, KEY);
    open.add(suno);
    // a generous timeout: on a loaded machine a late answer would make a submit unknown (and reconciled), not parked
    harness = new RelayHarness(dir, List.of(suno("suno-main", ChannelType.SUNOAPI, suno.baseUrl(), KEY, 10)
        .withLimits(null, 0, Duration.ofSeconds(30))), clock);
    suno.hold(true); // every job stays running upstream
    int count = 1_000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(harness.create(song("parked " + i)).id());
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int baseline = threads.getThreadCount();
    threads.resetPeakThreadCount();
    // each step on its own platform thread: a step that waited for its upstream job would keep one
    Dispatcher node = harness.dispatcher("node-threads", step -> Thread.ofPlatform().name("relay-step").start(step));
    for (int round = 0; round < count && suno.createRequests() < count; round++) {
      node.runOnce();
      while (node.activeCount() > 0) {
        LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
      }
    }
    // a finished step's thread may take a moment to exit; wait for that (no deadline is asserted)
    for (int i = 0; i < 10_000 && stepThreads(threads) > 0; i++) {
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
    int peak = threads.getPeakThreadCount();
    int after = threads.getThreadCount();

    Instant now = clock.instant();
    List<Task> tasks = ids.stream().map(harness::find).toList();
    assertThat(tasks).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(TaskStatus.RUNNING);
      assertThat(t.handle().submitState()).isEqualTo(SubmitState.ACCEPTED);
      assertThat(t.nextRunAt()).as("the next poll is a time in the row").isEqualTo(now.plusSeconds(5));
    });
    assertThat(suno.createRequests()).isEqualTo(count);
    assertThat(node.activeCount()).isZero();
    assertThat(stepThreads(threads)).as("no step thread waits on an upstream job").isZero();
    // the rest of the JVM (carrier threads, HTTP selectors) may grow a little, never by one per task
    assertThat(after - baseline).as("threads left behind by %d parked upstream tasks", count).isLessThan(count / 10);
    assertThat(peak - baseline).as("threads at most: the relay's 64 step slots, not one per task").isLessThan(64 + count / 10);
  }

  private static long stepThreads(ThreadMXBean threads) {
    return java.util.Arrays.stream(threads.dumpAllThreads(false, false)).filter(t -> t.getThreadName().equals("relay-step")).count();
  }

  @Test
  void polls_back_off_by_the_jobs_age_between_the_configured_bounds() throws Exception {
    openSuno(Faults.NONE);
    suno.hold(true);
    Task task = harness.create(song("aging"));
    harness.runOnce();
    List<Duration> gaps = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Task parked = harness.find(task.id());
      Duration gap = Duration.between(clock.instant(), parked.nextRunAt());
      gaps.add(gap);
      clock.advance(gap);
      int before = suno.requests();
      harness.runOnce();
      assertThat(suno.requests()).as("polled when due (round %d, gaps %s)", i, gaps).isGreaterThan(before);
    }
    // 5 s while young, a quarter of the age after 20 s, never more than 20 s
    assertThat(gaps.subList(0, 4)).containsOnly(Duration.ofSeconds(5));
    assertThat(gaps).isSortedAccordingTo(Duration::compareTo);
    assertThat(gaps.get(gaps.size() - 1)).isEqualTo(Duration.ofSeconds(20));
    assertThat(gaps).anySatisfy(g -> assertThat(g).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(19)));
  }

  @Test
  void a_channels_token_bucket_spaces_its_submits_and_a_waiting_task_never_calls_the_upstream_early() throws Exception {
    suno = new FakeSuno(FakeSuno.Family.SUNOAPI, clock, 15, Faults.NONE, KEY);
    open.add(suno);
    harness = new RelayHarness(dir, List.of(suno("suno-main", ChannelType.SUNOAPI, suno.baseUrl(), KEY, 10)
        .withLimits(ChannelRateLimitInterceptor.Rate.perSecond(1, 1), 0, Duration.ofSeconds(10))), clock);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(harness.create(song("bucket " + i)).id());
    }

    harness.runOnce();
    assertThat(suno.requests()).as("one token: one call, the others wait without calling").isEqualTo(1);
    List<Task> waiting = ids.stream().map(harness::find).filter(t -> t.handle().submitState() != SubmitState.ACCEPTED).toList();
    assertThat(waiting).hasSize(2).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(TaskStatus.RUNNING);
      assertThat(t.nextRunAt()).as("due again when the bucket refills").isAfter(clock.instant())
          .isBeforeOrEqualTo(clock.instant().plusSeconds(1));
    });
    assertThat(harness.relay.health(clock.instant()).get(0).rateLimitedUntil()).isNotNull();

    clock.advance(Duration.ofSeconds(1));
    harness.runOnce();
    assertThat(suno.createRequests()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    harness.runOnce();
    assertThat(suno.createRequests()).isEqualTo(3);
    assertThat(ids).allSatisfy(id -> assertThat(suno.jobsFor(id)).isEqualTo(1));
  }

  // ---- money ----

  @Test
  void a_suno_531_refunds_exactly_once_through_duplicate_callbacks_and_a_node_killed_mid_poll() throws Exception {
    openSuno(Faults.NONE.with("failJob", 1.0).with("duplicateCallback", 1.0));
    suno.failWith(531);
    Task task = harness.create(song("refunded upstream"));
    harness.runOnce();
    assertThat(harness.find(task.id()).handle().submitState()).isEqualTo(SubmitState.ACCEPTED);
    assertThat(harness.balance()).isLessThan(RelayHarness.CREDITS);
    clock.advance(Duration.ofSeconds(60)); // the job failed upstream
    suno.deliverCallbacks(); // the error callback, twice: one wake-up

    assertThat(harness.killANodeMidStep()).as("the node dies holding the poll that reads the verdict").isEqualTo(1);
    Task done = runToEnd(task.id(), suno);
    harness.reviveTheDead();
    for (int i = 0; i < 5; i++) {
      suno.deliverCallbacks();
      clock.advance(Duration.ofSeconds(30));
      harness.runOnce();
    }

    Task last = harness.find(task.id());
    assertThat(last.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(last.errorCode()).isEqualTo("GENERATION_FAILED");
    assertThat(last.errorMessage()).contains("refunded upstream");
    assertThat(done.updatedAt()).as("the dead node's late step changed nothing").isEqualTo(last.updatedAt());
    assertThat(harness.ledger(task.id())).containsExactly("hold", "refund");
    assertThat(harness.balance()).isEqualTo(RelayHarness.CREDITS);
    assertThat(suno.createRequests()).isEqualTo(1);
    assertThat(harness.verdicts.get(RelayCallbacks.Verdict.DUPLICATE)).hasValueGreaterThanOrEqualTo(1);
  }

  @Test
  void an_accepted_job_that_never_finishes_fails_at_the_horizon_with_a_clear_reason_and_keeps_the_charge() throws Exception {
    suno = new FakeSuno(FakeSuno.Family.SUNOAPI, clock, 16, Faults.NONE, KEY);
    open.add(suno);
    harness = new RelayHarness(dir, List.of(suno("suno-main", ChannelType.SUNOAPI, suno.baseUrl(), KEY, 10)
        .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(3), Duration.ofSeconds(60))), clock);
    suno.hold(true); // accepted, then running upstream for ever
    Task task = harness.create(song("never ends"));
    harness.runOnce();
    assertThat(harness.find(task.id()).handle().submitState()).isEqualTo(SubmitState.ACCEPTED);

    Task done = null;
    for (int i = 0; i < 100 && (done == null || !done.status().isTerminal()); i++) {
      clock.advance(Duration.ofSeconds(10));
      harness.runOnce();
      done = harness.find(task.id());
      if (clock.instant().isBefore(RelayHarness.T0.plus(Duration.ofMinutes(3)))) {
        assertThat(done.status()).as("still within the horizon").isEqualTo(TaskStatus.RUNNING);
      }
    }

    assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(done.errorCode()).isEqualTo("TIMEOUT");
    assertThat(done.errorMessage()).contains("did not finish the job within").contains("may still bill");
    assertThat(harness.ledger(task.id())).as("the upstream holds the job and may bill it").containsExactly("hold", "settle");
    assertThat(suno.createRequests()).isEqualTo(1);
  }

  // ---- callbacks ----

  @Test
  void a_forged_success_callback_with_a_valid_token_only_wakes_the_task_and_the_fetch_decides() throws Exception {
    openSuno(Faults.NONE.with("dropCallback", 1.0));
    suno.hold(true);
    Task task = harness.create(song("still running"));
    harness.runOnce();
    String token = harness.relay.channel("suno-main").orElseThrow().tokens().tokenFor("suno-main", task.id());
    String upstreamId = harness.find(task.id()).handle().upstreamId();
    String forged = "{\"code\":200,\"msg\":\"All generated successfully.\",\"data\":{\"callbackType\":\"complete\",\"task_id\":\""
        + upstreamId + "\",\"data\":[{\"id\":\"x\",\"audio_url\":\"http://127.0.0.1:9/evil.mp3\",\"image_url\":\"http://127.0.0.1:9/evil.jpg\","
        + "\"title\":\"forged\",\"tags\":\"\",\"prompt\":\"\",\"duration\":1}]}}";

    RelayCallbacks.Verdict first = harness.callbacks.receive("suno-main", task.id(), token, forged.getBytes(StandardCharsets.UTF_8));
    RelayCallbacks.Verdict again = harness.callbacks.receive("suno-main", task.id(), token, forged.getBytes(StandardCharsets.UTF_8));
    assertThat(first).isEqualTo(RelayCallbacks.Verdict.WOKEN);
    assertThat(again).isEqualTo(RelayCallbacks.Verdict.DUPLICATE);
    assertThat(harness.find(task.id()).nextRunAt()).as("woken: due now").isEqualTo(clock.instant());
    int polls = suno.requests();
    harness.runOnce();

    Task after = harness.find(task.id());
    assertThat(suno.requests()).as("the wake-up fetched the upstream's state").isGreaterThan(polls);
    assertThat(after.status()).as("the upstream says running: the callback's word counts for nothing").isEqualTo(TaskStatus.RUNNING);
    assertThat(after.result()).satisfiesAnyOf(r -> assertThat(r).isNull(), r -> assertThat(r.toString()).doesNotContain("forged"));

    suno.hold(false);
    Task done = runToEnd(task.id(), suno);
    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(done.result().toString()).doesNotContain("forged").doesNotContain("evil");
    assertThat(harness.ledger(task.id())).containsExactly("hold", "settle");
  }

  @Test
  void reordered_and_duplicated_callbacks_end_in_one_success_with_the_upstreams_final_state() throws Exception {
    openSuno(Faults.NONE.with("reorderCallbacks", 1.0).with("duplicateCallback", 1.0));
    Task task = harness.create(song("shuffled"));
    harness.runOnce();
    clock.advance(Duration.ofSeconds(60)); // text, first and complete are all pending now
    suno.deliverCallbacks();

    Task done = runToEnd(task.id(), suno);

    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(done.result().path("clips")).hasSize(2);
    assertThat(suno.createRequests()).isEqualTo(1);
    assertThat(harness.ledger(task.id())).containsExactly("hold", "settle");
    assertThat(harness.verdicts.get(RelayCallbacks.Verdict.DUPLICATE)).hasValueGreaterThanOrEqualTo(1);
  }

  // ---- secrets ----

  @Test
  void no_credential_jwt_or_callback_token_reaches_a_log_line_or_a_tasks_error() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      suno = new FakeSuno(FakeSuno.Family.SUNOAPI, clock, 12, Faults.NONE.with("wrongSecret", 1.0), KEY);
      FakeSuno anyint = new FakeSuno(FakeSuno.Family.ANYINT, clock, 13, Faults.NONE, KEY);
      FakeKling kling = new FakeKling(clock, 14, Faults.NONE.with("failJob", 1.0), ACCESS, SECRET);
      open.addAll(List.of(suno, anyint, kling));
      ChannelConfig klingChannel = ChannelConfig.of("kling-main", ChannelType.KLING, kling.baseUrl())
          .withKlingKeys(Secret.of(ACCESS), Secret.of(SECRET))
          .withLimits(null, 0, Duration.ofSeconds(10))
          .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(30), Duration.ofSeconds(60));
      harness = new RelayHarness(dir, List.of(
          suno("suno-revoked", ChannelType.SUNOAPI, suno.baseUrl(), REVOKED, 20),
          suno("anyint", ChannelType.ANYINT_SUNO, anyint.baseUrl(), KEY, 10),
          klingChannel), clock);
      Task song = harness.create(song("keys stay secret"));
      Task video = harness.create(new VideoSpec("kling-v3-omni", "a quiet harbour", null, 1280, 720, 5.0, 24, null, null, null, List.of(),
          null, true, false, null));
      for (int round = 0; round < 300 && !(harness.find(song.id()).status().isTerminal() && harness.find(video.id()).status().isTerminal()); round++) {
        suno.deliverCallbacks();
        anyint.deliverCallbacks();
        kling.deliverCallbacks();
        harness.runOnce();
        clock.advance(Duration.ofSeconds(2));
      }
      // a forged callback (wrong token) and one with the token of another task
      harness.callbacks.receive("anyint", song.id(), "not-the-token", "{}".getBytes(StandardCharsets.UTF_8));
      String videoToken = harness.relay.channel("kling-main").orElseThrow().tokens().tokenFor("kling-main", video.id());
      harness.callbacks.receive("kling-main", song.id(), videoToken, "{}".getBytes(StandardCharsets.UTF_8));

      Task songDone = harness.find(song.id());
      Task videoDone = harness.find(video.id());
      assertThat(songDone.status()).isEqualTo(TaskStatus.SUCCEEDED);
      assertThat(songDone.handle().channel()).as("the revoked key was tried and refused").isEqualTo("anyint");
      assertThat(videoDone.status()).isEqualTo(TaskStatus.FAILED);
      List<String> secrets = List.of(
          KEY, REVOKED, ACCESS, SECRET, videoToken,
          harness.relay.channel("anyint").orElseThrow().tokens().tokenFor("anyint", song.id()),
          harness.relay.channel("suno-revoked").orElseThrow().tokens().tokenFor("suno-revoked", song.id()));
      List<String> lines = logs.list.stream().map(RelayGuaranteesTest::printed).toList();
      assertThat(lines).as("log lines were captured").anySatisfy(l -> assertThat(l).contains("refused"));
      for (String line : lines) {
        assertThat(line).doesNotContain(secrets).doesNotContain("eyJ").doesNotContainIgnoringCase("bearer ");
      }
      for (Task t : List.of(songDone, videoDone)) {
        String visible = t.errorMessage() + " " + t.result() + " " + t.handle();
        assertThat(visible).doesNotContain(secrets).doesNotContain("eyJ");
      }
      for (ChannelHealth.Snapshot health : harness.relay.health(clock.instant())) {
        assertThat(String.valueOf(health)).doesNotContain(secrets);
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  private static String printed(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return line.toString();
  }
}
