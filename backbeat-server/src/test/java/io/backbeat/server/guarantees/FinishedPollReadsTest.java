package io.backbeat.server.guarantees;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.retention.RetentionJob;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.MediaTestProvider;
import io.backbeat.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A repeat poll of a finished task answers what was rendered for the task's version: it reads the
 * version, not the row (nor the timeline), and a moved version (retention's payload purge) is read
 * and rendered again. Counted on the statements the database runs, so it fails if a route reads the
 * row on every poll again.
 */
class FinishedPollReadsTest {
  private static final String K = "/transtreams/kling/v1";
  private static TestServer server;
  private static CallbackReceiver receiver;
  private static final AtomicInteger rowReads = new AtomicInteger();
  private static final AtomicInteger timelineReads = new AtomicInteger();
  private static final AtomicInteger versionReads = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    receiver = new CallbackReceiver();
    server = TestServer.start(Map.of("BACKBEAT_RATE_POLL", "1000/1000"), new Extensions(List.of(new MediaTestProvider()), List.of()));
    server.app().database().observeStatements(sql -> {
      String s = sql.toLowerCase(Locale.ROOT);
      if (s.contains("select * from task where id") && s.contains("account_id")) {
        rowReads.incrementAndGet(); // TaskStore.findOwned: the whole row of the caller's task
      } else if (s.contains("from task_event where task_id")) {
        timelineReads.incrementAndGet();
      } else if (s.contains("payload_purged_at from task where id")) {
        versionReads.incrementAndGet();
      }
    });
  }

  @AfterAll
  static void stop() {
    server.close();
    receiver.close();
  }

  @BeforeEach
  void reset() {
    rowReads.set(0);
    timelineReads.set(0);
    versionReads.set(0);
  }

  @Test
  void suno_kling_and_native_polls_of_a_finished_task_read_only_its_version_until_a_purge_moves_it() throws Exception {
    String lyrics =
        json(server.post("/suno/generate-lyrics", "{\"prompt\":\"count my reads\",\"callBackUrl\":\"" + receiver.url("/reads") + "\"}"))
            .path("data").path("taskId").asText();
    String image =
        json(server.post(K + "/images/generations", "{\"model_name\":\"kling-v2-1\",\"prompt\":\"a lighthouse\",\"external_task_id\":\"reads-1\"}"))
            .path("data").path("task_id").asText();
    server.pollUntil("/suno/query/lyrics?taskId=" + lyrics, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(30));
    server.pollUntil(K + "/images/generations/" + image, j -> j.path("data").path("task_status").asText().equals("succeed"), Duration.ofSeconds(60));
    String sunoPath = "/suno/query/lyrics?taskId=" + lyrics;
    String klingPath = K + "/images/generations/" + image;
    String nativePath = "/v1/tasks/" + lyrics;

    // a finished task's deliveries still change: the native view shows them as they are now
    server.pollUntil(nativePath, j -> j.path("deliveries").path(0).path("state").asText().equals("delivered"), Duration.ofSeconds(30));
    // the first answers of the finished tasks are rendered from their rows and remembered
    String suno = server.get(sunoPath).body();
    JsonNode kling = json(server.get(klingPath));
    String detail = server.get(nativePath).body();
    reset();

    for (int i = 0; i < 3; i++) {
      assertThat(server.get(sunoPath).body()).isEqualTo(suno);
      JsonNode again = json(server.get(klingPath));
      assertThat(again.get("data")).isEqualTo(kling.get("data"));
      assertThat(again.path("request_id").asText()).isNotEqualTo(kling.path("request_id").asText()); // fresh on every answer
      assertThat(server.get(nativePath).body()).isEqualTo(detail);
    }
    assertThat(rowReads).as("task rows read by repeat polls").hasValue(0);
    assertThat(timelineReads).as("timelines read by repeat native views").hasValue(0);
    assertThat(versionReads).as("one version check per poll").hasValue(9);
    assertThat(TestServer.JSON.readTree(detail).path("timeline")).isNotEmpty();

    // by external_task_id the Kling query reads as before (the reference names the task)
    assertThat(json(server.get(K + "/images/generations/reads-1")).path("data")).isEqualTo(kling.get("data"));

    // a purge leaves updated_at alone but moves the version: each route reads and renders again, once
    InstantSource later = InstantSource.fixed(Instant.now().plus(Duration.ofDays(31)));
    new RetentionJob(server.app().database().transactor(), server.app().assets(), later, Duration.ofDays(30), Duration.ofDays(30)).runOnce();
    reset();
    JsonNode purged = json(server.get(sunoPath));
    assertThat(purged.path("data").path("param").asText()).isEqualTo("{}");
    JsonNode purgedKling = json(server.get(klingPath)).path("data");
    assertThat(purgedKling.path("task_status").asText()).isEqualTo("succeed");
    assertThat(purgedKling).isNotEqualTo(kling.get("data")); // its result (the images) is gone
    JsonNode purgedDetail = json(server.get(nativePath));
    assertThat(purgedDetail.path("result").isNull()).isTrue();
    assertThat(rowReads).hasValue(3);
    assertThat(timelineReads).hasValue(1);

    reset();
    assertThat(json(server.get(sunoPath))).isEqualTo(purged);
    assertThat(json(server.get(klingPath)).path("data")).isEqualTo(purgedKling);
    assertThat(json(server.get(nativePath))).isEqualTo(purgedDetail);
    assertThat(rowReads).hasValue(0);
    assertThat(timelineReads).hasValue(0);
  }

  @Test
  void another_accounts_finished_task_stays_unknown_even_once_remembered() throws Exception {
    String lyrics =
        json(server.post("/suno/generate-lyrics", "{\"prompt\":\"mine only\",\"callBackUrl\":\"" + receiver.url("/mine") + "\"}"))
            .path("data").path("taskId").asText();
    server.pollUntil("/suno/query/lyrics?taskId=" + lyrics, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(30));
    String image =
        json(server.post(K + "/images/generations", "{\"model_name\":\"kling-v2-1\",\"prompt\":\"a lighthouse\"}")).path("data").path("task_id").asText();
    server.pollUntil(K + "/images/generations/" + image, j -> j.path("data").path("task_status").asText().equals("succeed"), Duration.ofSeconds(60));
    assertThat(server.get("/v1/tasks/" + lyrics).statusCode()).isEqualTo(200); // remembered now
    String other = server.newAccountKey("reads-other");

    assertThat(server.get("/v1/tasks/" + lyrics, other).statusCode()).isEqualTo(404);
    assertThat(server.get(K + "/images/generations/" + image, other).statusCode()).isEqualTo(404);
    assertThat(server.get("/suno/query/lyrics?taskId=" + lyrics, other).body()).doesNotContain("mine only");
    // a route of another family does not answer the remembered task either
    assertThat(server.get(K + "/videos/text2video/" + image).statusCode()).isEqualTo(404);
  }
}
