package io.backbeat.server.dialect.suno;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.billing.LedgerEntry;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskQuery;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One WAV per track and one cover set per music task hold under simultaneous identical requests
 * (contract-music.md §2.11, §2.15): the database's claim lets exactly one create through, the others
 * get the documented answer, and a refused request moves no credits. Outputs stay pending (the
 * stand-in provider never finishes them), so the claim is held throughout.
 */
class SunoOutputClaimRaceTest {
  private static final int REQUESTS = 8;
  private static TestServer server;
  private static String key;
  private static String accountId;
  private static String song;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(), new Extensions(List.of(new SunoOutputsContractTest.StandInProvider()), List.of()));
    key = server.newMeteredAccountKey("racer", 1_000);
    HttpResponse<String> created =
        server.post(
            "/suno/generate", "{\"customMode\":false,\"instrumental\":true,\"model\":\"V4\",\"prompt\":\"a tune to race over\",\"callBackUrl\":\"http://127.0.0.1:9/cb\"}",
            key);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    song = json(created).path("data").path("taskId").asText();
    server.pollUntil("/suno/query/task?taskId=" + song, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(30), key);
    accountId = server.app().database().transactor().read(tx -> tx.tasks().find(song)).orElseThrow().accountId();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void simultaneous_wav_requests_for_one_track_make_one_task_and_the_others_answer_409_without_charge() throws Exception {
    String body = "{\"taskId\":\"" + song + "\",\"audioId\":\"" + song + "-a\",\"callBackUrl\":\"http://127.0.0.1:9/cb\"}";
    List<LedgerEntry> before = ledger();

    List<HttpResponse<String>> answers = fire("/api/v1/wav/generate", body);

    List<HttpResponse<String>> accepted = answers.stream().filter(a -> a.statusCode() == 200).toList();
    assertThat(accepted).hasSize(1);
    String wav = json(accepted.get(0)).path("data").path("taskId").asText();
    assertThat(answers).filteredOn(a -> a.statusCode() != 200).hasSize(REQUESTS - 1).allSatisfy(refused -> {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      assertThat(json(refused).path("code").asInt()).isEqualTo(409);
      assertThat(json(refused).path("msg").asText()).contains("WAV record already exists").contains(wav);
    });
    assertThat(tasksOf(TaskKind.WAV)).extracting(Task::id).containsExactly(wav);
    assertThat(newEntries(before)).extracting(LedgerEntry::taskId, LedgerEntry::kind).containsExactly(org.assertj.core.groups.Tuple.tuple(wav, LedgerEntry.Kind.HOLD));

    // canceling the WAV gives the track back: the next request makes a new one
    HttpResponse<String> canceled = server.post("/v1/tasks/" + wav + "/cancel", "{}", key);
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
    HttpResponse<String> again = server.post("/suno/wav-generate", body, key);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(json(again).path("data").path("taskId").asText()).isNotEqualTo(wav);
  }

  @Test
  void simultaneous_cover_requests_make_one_cover_task_and_the_others_name_it() throws Exception {
    String body = "{\"taskId\":\"" + song + "\",\"callBackUrl\":\"http://127.0.0.1:9/cb\"}";
    List<LedgerEntry> before = ledger();

    List<HttpResponse<String>> answers = fire("/suno/generate-cover", body);

    List<HttpResponse<String>> accepted = answers.stream().filter(a -> a.statusCode() == 200).toList();
    assertThat(accepted).hasSize(1);
    String cover = json(accepted.get(0)).path("data").path("taskId").asText();
    assertThat(answers).filteredOn(a -> a.statusCode() != 200).hasSize(REQUESTS - 1).allSatisfy(refused -> {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      JsonNode error = json(refused);
      assertThat(error.path("msg").asText()).contains("cover already generated");
      assertThat(error.path("data").path("taskId").asText()).isEqualTo(cover);
    });
    assertThat(tasksOf(TaskKind.COVER_ART)).extracting(Task::id).containsExactly(cover);
    assertThat(newEntries(before)).extracting(LedgerEntry::taskId).containsExactly(cover);
  }

  /** {@link #REQUESTS} identical creates released at once, each on its own virtual thread. */
  private static List<HttpResponse<String>> fire(String path, String body) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> pending = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < REQUESTS; i++) {
        pending.add(
            threads.submit(
                () -> {
                  go.await();
                  return server.post(path, body, key);
                }));
      }
      go.countDown();
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (Future<HttpResponse<String>> answer : pending) {
      answers.add(answer.get());
    }
    return answers;
  }

  private static List<Task> tasksOf(TaskKind kind) {
    return server.app().database().transactor().read(tx -> tx.tasks().list(new TaskQuery(accountId, null, kind, null, null, null, 100)));
  }

  private static List<LedgerEntry> ledger() {
    return server.app().database().transactor().read(tx -> tx.ledger().entries(accountId, 0, 500));
  }

  private static List<LedgerEntry> newEntries(List<LedgerEntry> before) {
    List<Long> seen = before.stream().map(LedgerEntry::id).toList();
    return ledger().stream().filter(e -> !seen.contains(e.id())).toList();
  }
}
