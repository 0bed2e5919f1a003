package io.backbeat.server.dialect.suno;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The output routes over HTTP, under both path families (contract-music.md §2.11, §2.13–§2.16,
 * §2.19–§2.22, §5): required fields, every prerequisite of the source (exists, is the caller's, is
 * music, finished, the audioId is its track), the one-per-source rules, and each query family's
 * shape while the output is being made. Songs here come from a stand-in provider that finishes at
 * once (or never, or fails), and outputs stay pending: the real media is judged in
 * {@code OutputsEndToEndTest}.
 */
class SunoOutputsContractTest {
  private static TestServer server;
  private static CallbackReceiver receiver;
  private static String finished;
  private static String pending;
  private static String failed;

  /** Songs that finish at once with two tracks ("slow": never, "broken": fail); outputs that never finish. */
  static final class StandInProvider implements Provider {
    @Override
    public String name() {
      return "stand-in";
    }

    @Override
    public Set<TaskKind> kinds() {
      return Set.of(TaskKind.SONG, TaskKind.WAV, TaskKind.STEMS, TaskKind.MP4, TaskKind.COVER_ART);
    }

    @Override
    public int defaultSlots() {
      return 8;
    }

    @Override
    public Step step(Task task, TaskContext context) {
      if (task.spec() instanceof SongSpec song) {
        String prompt = song.composition().prompt();
        if (prompt.contains("broken")) {
          return Step.fail(FailureCode.GENERATION_FAILED, "broken on purpose");
        }
        if (!prompt.contains("slow")) {
          ObjectNode result = TestServer.JSON.createObjectNode().put("title", "Stand-in");
          for (String clip : List.of("a", "b")) {
            result.withArray("clips").addObject().put("id", task.id() + "-" + clip).put("audio", task.id() + "/" + clip + ".mp3").put("duration", 10.0);
          }
          return Step.succeed(result);
        }
      }
      return Step.again(context.clock().instant().plus(Duration.ofHours(1)), "waiting on nothing");
    }
  }

  /** One route family's paths. */
  record Family(
      String name, String wav, String queryWav, String vocalRemoval, String queryStems, String mp4, String queryMp4, String cover, String queryCover) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Family> families() {
    return List.of(
        new Family(
            "anyint", "/suno/wav-generate", "/suno/query/wav", "/suno/vocal-removal", "/suno/query/vocal-removal", "/suno/mp4-generate",
            "/suno/query/mp4", "/suno/generate-cover", "/suno/query/cover"),
        new Family(
            "sunoapi", "/api/v1/wav/generate", "/api/v1/wav/record-info", "/api/v1/vocal-removal/generate", "/api/v1/vocal-removal/record-info",
            "/api/v1/mp4/generate", "/api/v1/mp4/record-info", "/api/v1/suno/cover/generate", "/api/v1/suno/cover/record-info"));
  }

  @BeforeAll
  static void start() throws Exception {
    receiver = new CallbackReceiver();
    server = TestServer.start(Map.of(), new Extensions(List.of(new StandInProvider()), List.of()));
    finished = song("a tune about tests");
    pending = song("a slow tune");
    failed = song("a broken tune");
    server.pollUntil("/suno/query/task?taskId=" + finished, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(30));
    server.pollUntil(
        "/suno/query/task?taskId=" + failed, j -> j.path("data").path("status").asText().equals("GENERATE_AUDIO_FAILED"), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    server.close();
    receiver.close();
  }

  private static String song(String prompt) {
    String body =
        "{\"customMode\":false,\"instrumental\":true,\"model\":\"V4\",\"prompt\":\"" + prompt + "\",\"callBackUrl\":\"" + receiver.url("/song") + "\"}";
    return create("/suno/generate", body);
  }

  static String create(String path, String body) {
    HttpResponse<String> created = server.post(path, body);
    assertThat(created.statusCode()).as(path + " " + created.body()).isEqualTo(200);
    JsonNode json = json(created);
    assertThat(json.path("code").asInt()).isEqualTo(200);
    assertThat(json.path("msg").asText()).isEqualTo("success");
    return json.path("data").path("taskId").asText();
  }

  static void assertError(HttpResponse<String> response, int code, String part) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
    JsonNode json = json(response);
    assertThat(json.path("code").asInt()).as(response.body()).isEqualTo(code);
    assertThat(json.path("msg").asText()).contains(part);
  }

  private static String body(String taskId, String audioId, String... more) {
    ObjectNode body = TestServer.JSON.createObjectNode();
    if (taskId != null) {
      body.put("taskId", taskId);
    }
    if (audioId != null) {
      body.put("audioId", audioId);
    }
    body.put("callBackUrl", receiver.url("/out"));
    for (int i = 0; i + 1 < more.length; i += 2) {
      body.put(more[i], more[i + 1]);
    }
    return body.toString();
  }

  private static String track(String taskId, int index) {
    return taskId + "-" + (index == 0 ? "a" : "b");
  }

  static Iterator<String> names(JsonNode node) {
    return node.fieldNames();
  }

  /** The prerequisites every output route with a track checks, in the route's own error shape. */
  private static void assertTrackPrerequisites(String path) {
    assertError(server.post(path, body(null, track(finished, 0))), 400, "taskId");
    assertError(server.post(path, body(finished, null)), 400, "audioId");
    assertError(server.post(path, "{\"taskId\":\"" + finished + "\",\"audioId\":\"" + track(finished, 0) + "\"}"), 400, "callBackUrl");
    assertError(server.post(path, body("0123456789abcdef0123456789abcdef", "x")), 404, "no music task");
    String stranger = server.newAccountKey("stranger-" + java.util.UUID.randomUUID());
    assertError(server.post(path, body(finished, track(finished, 0)), stranger), 404, "no music task");
    assertError(server.post(path, body(pending, track(pending, 0))), 400, "has not finished yet");
    assertError(server.post(path, body(failed, track(failed, 0))), 400, "did not succeed");
    assertError(server.post(path, body(finished, "not-a-track")), 404, "is not a track of task");
    String lyrics = create("/suno/generate-lyrics", "{\"prompt\":\"tests\",\"callBackUrl\":\"" + receiver.url("/lyrics") + "\"}");
    assertError(server.post(path, body(lyrics, "x")), 400, "is not a music task");
  }

  @ParameterizedTest
  @MethodSource("families")
  void wav_checks_its_source_and_refuses_a_second_wav_of_a_track(Family family) throws Exception {
    assertTrackPrerequisites(family.wav());
    String song = song("another tune for " + family.name());
    server.pollUntil("/suno/query/task?taskId=" + song, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(30));

    String wav = create(family.wav(), body(song, track(song, 0)));
    // one WAV per track, whichever path family asks: 409 while it exists
    for (Family any : families()) {
      assertError(server.post(any.wav(), body(song, track(song, 0))), 409, "WAV record already exists");
    }
    String other = create(family.wav(), body(song, track(song, 1)));
    assertThat(other).isNotEqualTo(wav);

    JsonNode polled = json(server.get(family.queryWav() + "?taskId=" + wav));
    for (Family any : families()) {
      assertThat(json(server.get(any.queryWav() + "?taskId=" + wav))).isEqualTo(polled);
    }
    JsonNode data = polled.path("data");
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactly("taskId", "musicId", "callbackUrl", "completeTime", "response", "successFlag", "createTime", "errorCode", "errorMessage");
    assertThat(data.path("taskId").asText()).isEqualTo(wav);
    assertThat(data.path("musicId").asText()).isEqualTo(track(song, 0));
    assertThat(data.path("callbackUrl").asText()).isEqualTo(receiver.url("/out"));
    assertThat(data.path("successFlag").asText()).isEqualTo("PENDING");
    assertThat(data.path("response").get("audioWavUrl").isNull()).isTrue();
    assertThat(data.get("completeTime").isNull()).isTrue();
    assertThat(data.path("createTime").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    // a WAV task is polled at the WAV query only
    assertError(server.get("/suno/query/task?taskId=" + wav), 404, "not polled at");
    assertError(server.get(family.queryWav() + "?taskId=" + song), 404, "not polled at");
  }

  @ParameterizedTest
  @MethodSource("families")
  void vocal_removal_checks_its_source_and_type_and_answers_at_its_own_query(Family family) throws Exception {
    assertTrackPrerequisites(family.vocalRemoval());
    assertError(server.post(family.vocalRemoval(), body(finished, track(finished, 0), "type", "karaoke")), 400, "type must be separate_vocal or split_stem");

    String vocal = create(family.vocalRemoval(), body(finished, track(finished, 0)));
    String split = create(family.vocalRemoval(), body(finished, track(finished, 0), "type", "split_stem"));
    assertThat(json(server.get("/v1/tasks/" + vocal)).path("request").path("separation").asText()).isEqualTo("VOCAL_AND_INSTRUMENTAL");
    assertThat(json(server.get("/v1/tasks/" + split)).path("request").path("separation").asText()).isEqualTo("ALL_STEMS");

    JsonNode polled = json(server.get(family.queryStems() + "?taskId=" + vocal));
    for (Family any : families()) {
      assertThat(json(server.get(any.queryStems() + "?taskId=" + vocal))).isEqualTo(polled);
    }
    JsonNode data = polled.path("data");
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactly(
            "taskId", "musicId", "callbackUrl", "audioId", "completeTime", "response", "successFlag", "createTime", "errorCode", "errorMessage");
    assertThat(data.path("response").fieldNames())
        .toIterable()
        .containsExactly(
            "originUrl", "instrumentalUrl", "vocalUrl", "backingVocalsUrl", "drumsUrl", "bassUrl", "guitarUrl", "keyboardUrl", "percussionUrl",
            "stringsUrl", "synthUrl", "fxUrl", "brassUrl", "woodwindsUrl");
    assertThat(data.path("audioId").asText()).isEqualTo(track(finished, 0));
    assertThat(data.path("successFlag").asText()).isEqualTo("PENDING");
    assertThat(data.path("createTime").isIntegralNumber()).as("epoch milliseconds").isTrue();
    assertThat(data.get("completeTime").isNull()).isTrue();
    assertError(server.get(family.queryWav() + "?taskId=" + vocal), 404, "not polled at");
  }

  @ParameterizedTest
  @MethodSource("families")
  void split_stem_is_vocal_removal_with_every_stem(Family family) throws Exception {
    assertTrackPrerequisites("/suno/split-stem");
    assertError(server.post("/suno/split-stem", body(finished, track(finished, 1), "type", "separate_vocal")), 400, "type must be split_stem");
    String split = create("/suno/split-stem", body(finished, track(finished, 1)));
    assertThat(json(server.get("/v1/tasks/" + split)).path("request").path("separation").asText()).isEqualTo("ALL_STEMS");
    assertThat(json(server.get(family.queryStems() + "?taskId=" + split)).path("data").path("musicId").asText()).isEqualTo(track(finished, 1));
  }

  @ParameterizedTest
  @MethodSource("families")
  void mp4_checks_its_source_and_its_texts_and_answers_at_its_own_query(Family family) throws Exception {
    assertTrackPrerequisites(family.mp4());
    String fifty = "x".repeat(50);
    assertError(server.post(family.mp4(), body(finished, track(finished, 0), "author", fifty + "y")), 400, "author must be at most 50");
    assertError(server.post(family.mp4(), body(finished, track(finished, 0), "domainName", fifty + "y")), 400, "domainName must be at most 50");

    String video = create(family.mp4(), body(finished, track(finished, 0), "author", fifty, "domainName", "music.example.com"));
    JsonNode spec = json(server.get("/v1/tasks/" + video)).path("request");
    assertThat(spec.path("author").asText()).isEqualTo(fifty);
    assertThat(spec.path("watermark").asText()).isEqualTo("music.example.com");
    JsonNode polled = json(server.get(family.queryMp4() + "?taskId=" + video));
    for (Family any : families()) {
      assertThat(json(server.get(any.queryMp4() + "?taskId=" + video))).isEqualTo(polled);
    }
    JsonNode data = polled.path("data");
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactly(
            "taskId", "musicId", "callbackUrl", "audioId", "completeTime", "response", "successFlag", "createTime", "errorCode", "errorMessage");
    assertThat(data.path("successFlag").asText()).isEqualTo("PENDING");
    assertThat(data.path("response").has("videoUrl")).as("videoUrl only once SUCCESS").isFalse();
    assertError(server.get(family.queryStems() + "?taskId=" + video), 404, "not polled at");
  }

  @ParameterizedTest
  @MethodSource("families")
  void cover_checks_its_source_and_answers_a_second_request_with_the_existing_task(Family family) throws Exception {
    String path = family.cover();
    assertError(server.post(path, "{\"callBackUrl\":\"" + receiver.url("/c") + "\"}"), 400, "taskId");
    assertError(server.post(path, "{\"taskId\":\"" + finished + "\"}"), 400, "callBackUrl");
    assertError(server.post(path, body("0123456789abcdef0123456789abcdef", null)), 404, "no music task");
    assertError(server.post(path, body(finished, null), server.newAccountKey("cover-stranger-" + java.util.UUID.randomUUID())), 404, "no music task");
    assertError(server.post(path, body(pending, null)), 400, "has not finished yet");
    assertError(server.post(path, body(failed, null)), 400, "did not succeed");

    String song = song("a tune to draw for " + family.name());
    server.pollUntil("/suno/query/task?taskId=" + song, j -> j.path("data").path("status").asText().equals("SUCCESS"), Duration.ofSeconds(30));
    String cover = create(path, body(song, null));
    for (Family any : families()) {
      HttpResponse<String> again = server.post(any.cover(), body(song, null));
      assertError(again, 400, "cover already generated");
      assertThat(json(again).path("data").path("taskId").asText()).isEqualTo(cover);
    }

    JsonNode polled = json(server.get(family.queryCover() + "?taskId=" + cover));
    for (Family any : families()) {
      assertThat(json(server.get(any.queryCover() + "?taskId=" + cover))).isEqualTo(polled);
    }
    JsonNode data = polled.path("data");
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactly("taskId", "parentTaskId", "callbackUrl", "completeTime", "response", "successFlag", "createTime", "errorCode", "errorMessage");
    assertThat(data.path("parentTaskId").asText()).isEqualTo(song);
    assertThat(data.path("successFlag").isInt()).as("an integer").isTrue();
    assertThat(data.path("successFlag").asInt()).as("0 pending or 2 generating").isIn(0, 2);
    assertThat(data.path("createTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat(data.path("response").get("images").isNull()).isTrue();
    assertError(server.get(family.queryMp4() + "?taskId=" + cover), 404, "not polled at");
  }
}
