package io.backbeat.server.relay;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.providers.fake.FakeSuno;
import io.backbeat.providers.fake.Faults;
import io.backbeat.server.openapi.OpenApiContract;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every music route of both path families through our own server, relayed to a fake sunoapi.org
 * and a fake AnyInt upstream (one server, one pair of fakes). Models pin the new work: a V5 song
 * goes to the sunoapi channel, a V4_5PLUS one to the AnyInt channel, and everything made from a
 * song follows it to its channel. For each route: the dialect's synchronous answer, the query in its
 * documented shape and status words, the signed callback our client receives, outputs on our asset
 * URLs (downloaded after the upstreams' copies are gone), and one create upstream.
 */
@Tag("e2e")
class RelayMusicEndToEndTest {
  static final String KEY = "e2e-suno-key";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static FakeSuno sunoapi;
  static FakeSuno anyint;
  static TestServer server;
  static CallbackReceiver receiver;
  /** Our own /openapi.json: every relayed answer is checked against what it documents. */
  static OpenApiContract contract;

  @BeforeAll
  static void start() throws Exception {
    // a job's "second" is 10 ms: done 0.12–0.4 s after its create
    sunoapi = new FakeSuno(FakeSuno.Family.SUNOAPI, InstantSource.system(), 21, Faults.NONE, KEY).timeUnit(Duration.ofMillis(10));
    anyint = new FakeSuno(FakeSuno.Family.ANYINT, InstantSource.system(), 22, Faults.NONE, KEY).timeUnit(Duration.ofMillis(10));
    sunoapi.deliverEvery(Duration.ofMillis(50));
    anyint.deliverEvery(Duration.ofMillis(50));
    receiver = new CallbackReceiver();
    Path yaml = Files.writeString(dir.resolve("backbeat.yaml"), "channels:\n"
        + channel("suno-main", "sunoapi", sunoapi.baseUrl(), "V5")
        + channel("suno-anyint", "anyint-suno", anyint.baseUrl(), "V4_5PLUS"));
    Map<String, String> env = new HashMap<>();
    env.put("BACKBEAT_CONFIG", yaml.toString());
    env.put("E2E_SUNO_KEY", KEY);
    server = TestServer.start(env);
    contract = OpenApiContract.of(server);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (receiver != null) receiver.close();
    if (sunoapi != null) sunoapi.close();
    if (anyint != null) anyint.close();
  }

  /** Both channels at one priority: kinds without a model go to either, by weight. */
  static String channel(String name, String type, String baseUrl, String model) {
    return """
          - name: %s
            type: %s
            baseUrl: %s
            apiKey: ${E2E_SUNO_KEY}
            models: [%s]
            priority: 10
            timeout: 3s
            poll: {initial: 100ms, max: 300ms}
        """.formatted(name, type, baseUrl, model);
  }

  /** One path family's routes. */
  record Paths(
      String generate, String queryTask, String extend, String uploadCover, String uploadExtend, String addVocals, String addInstrumental,
      String replaceSection, String timestampedLyrics, String style, String persona, String cover, String queryCover, String wav,
      String queryWav, String vocalRemoval, String splitStem, String queryStems, String mp4, String queryMp4) {}

  static final Paths ANYINT_PATHS = new Paths(
      "/suno/generate", "/suno/query/task", "/suno/extend", "/suno/upload-cover", "/suno/upload-extend", "/suno/add-vocals",
      "/suno/add-instrumental", "/suno/replace-section", "/suno/timestamped-lyrics", "/suno/style-generate", "/suno/generate-persona",
      "/suno/generate-cover", "/suno/query/cover", "/suno/wav-generate", "/suno/query/wav", "/suno/vocal-removal", "/suno/split-stem",
      "/suno/query/vocal-removal", "/suno/mp4-generate", "/suno/query/mp4");

  /** sunoapi.org has no split-stem route: its vocal-removal takes {@code type: split_stem}. */
  static final Paths SUNOAPI_PATHS = new Paths(
      "/api/v1/generate", "/api/v1/generate/record-info", "/api/v1/generate/extend", "/api/v1/generate/upload-cover",
      "/api/v1/generate/upload-extend", "/api/v1/generate/add-vocals", "/api/v1/generate/add-instrumental",
      "/api/v1/generate/replace-section", "/api/v1/generate/get-timestamped-lyrics", "/api/v1/style/generate",
      "/api/v1/generate/generate-persona", "/api/v1/suno/cover/generate", "/api/v1/suno/cover/record-info", "/api/v1/wav/generate",
      "/api/v1/wav/record-info", "/api/v1/vocal-removal/generate", "/api/v1/vocal-removal/generate", "/api/v1/vocal-removal/record-info",
      "/api/v1/mp4/generate", "/api/v1/mp4/record-info");

  @Test
  void every_music_route_on_the_suno_paths_relays_to_the_sunoapi_channel() throws Exception {
    new Flow(ANYINT_PATHS, "V5", "suno-main", "a").run();
  }

  @Test
  void every_music_route_on_the_api_v1_paths_relays_to_the_anyint_channel() throws Exception {
    new Flow(SUNOAPI_PATHS, "V4_5PLUS", "suno-anyint", "b").run();
  }

  /** One family's walk through every route, sharing one relayed song. */
  static final class Flow {
    final Paths p;
    final String model;
    final String channel;
    final String tag;
    /** our asset URLs handed out, by what they are (checked after the upstream copies are gone) */
    final Map<String, String> urls = new LinkedHashMap<>();

    Flow(Paths p, String model, String channel, String tag) {
      this.p = p;
      this.model = model;
      this.channel = channel;
      this.tag = tag;
    }

    void run() throws Exception {
      // a song, with its stages relayed to our client's callback URL
      String song = createAsync("song", p.generate(),
          "{\"customMode\":false,\"instrumental\":false,\"model\":\"%s\",\"prompt\":\"a song about the harbour\",\"callBackUrl\":\"%s\"}"
              .formatted(model, cb("song")));
      JsonNode songData = musicDone(song);
      JsonNode tracks = songData.path("response").path("sunoData");
      assertThat(tracks).hasSize(2);
      for (JsonNode track : tracks) {
        ours("song audio " + track.path("id").asText(), track.path("audioUrl").asText(), song);
        ours("song image " + track.path("id").asText(), track.path("imageUrl").asText(), song);
      }
      assertThat(musicCallbacks("song")).last().isEqualTo("complete");
      String audioId = tracks.get(0).path("id").asText();
      String trackAudio = tracks.get(0).path("audioUrl").asText();

      // music made from the song or from an upload: the same query family, shape and stages
      String extend = createAsync("extend", p.extend(),
          "{\"defaultParamFlag\":false,\"audioId\":\"%s\",\"model\":\"%s\",\"callBackUrl\":\"%s\"}".formatted(audioId, model, cb("extend")));
      assertThat(musicDone(extend).path("parentMusicId").asText()).isEqualTo(audioId);
      String upload = receiver.url("/upload-" + tag + ".mp3");
      String[][] uploads = {
        {"upload-cover", p.uploadCover(),
            "{\"uploadUrl\":\"%s\",\"customMode\":false,\"instrumental\":true,\"model\":\"%s\",\"prompt\":\"a bright cover\",\"callBackUrl\":\"%s\"}"},
        {"upload-extend", p.uploadExtend(), "{\"uploadUrl\":\"%s\",\"defaultParamFlag\":false,\"model\":\"%s\",\"callBackUrl\":\"%s\"}"},
        {"add-vocals", p.addVocals(),
            "{\"uploadUrl\":\"%s\",\"model\":\"%s\",\"prompt\":\"a song about the sea\",\"title\":\"Sea\",\"style\":\"pop\",\"negativeTags\":\"\",\"callBackUrl\":\"%s\"}"},
        {"add-instrumental", p.addInstrumental(),
            "{\"uploadUrl\":\"%s\",\"model\":\"%s\",\"title\":\"Backing\",\"tags\":\"rock, drums\",\"negativeTags\":\"\",\"callBackUrl\":\"%s\"}"},
      };
      for (String[] route : uploads) {
        String id = createAsync(route[0], route[1], route[2].formatted(upload, model, cb(route[0])));
        JsonNode clips = musicDone(id).path("response").path("sunoData");
        assertThat(clips).as(route[0]).hasSize(2);
        ours(route[0] + " audio", clips.get(0).path("audioUrl").asText(), id);
        assertThat(musicCallbacks(route[0])).as(route[0]).last().isEqualTo("complete");
      }
      String replace = createAsync("replace", p.replaceSection(),
          ("{\"taskId\":\"%s\",\"audioId\":\"%s\",\"prompt\":\"[Verse]\\nSomething new\",\"tags\":\"pop\",\"title\":\"Fixed\","
              + "\"infillStartS\":10,\"infillEndS\":20,\"callBackUrl\":\"%s\"}").formatted(song, audioId, cb("replace")));
      ours("replaced audio", musicDone(replace).path("response").path("sunoData").get(0).path("audioUrl").asText(), replace);

      // the synchronous helpers answer at once, in their documented shapes
      JsonNode words = createSync(p.timestampedLyrics(), "{\"taskId\":\"%s\",\"audioId\":\"%s\"}".formatted(song, audioId));
      assertThat(words.path("alignedWords")).hasSize(2);
      assertThat(words.path("alignedWords").get(1).path("word").asText()).isEqualTo("world");
      assertThat(words.path("alignedWords").get(1).path("startS").asDouble()).isEqualTo(1.7);
      assertThat(words.path("waveformData")).hasSize(8);
      assertThat(words.path("hootCer").asDouble()).isEqualTo(0.21);
      assertThat(words.path("isStreamed").isBoolean()).isTrue();
      JsonNode style = createSync(p.style(), "{\"content\":\"pop, mysterious\"}");
      assertThat(style.path("result").asText()).startsWith("pop, mysterious").contains("bpm");
      assertThat(style.path("successFlag").asText()).isEqualTo("1");
      JsonNode persona = createSync(p.persona(),
          "{\"taskId\":\"%s\",\"audioId\":\"%s\",\"name\":\"Harbour Voice\",\"description\":\"the singer of the harbour\"}".formatted(song, audioId));
      assertThat(persona.path("personaId").asText()).as("our id; the upstream's (persona-…) is kept in our persona store").startsWith("persona_");
      assertThat(persona.path("name").asText()).isEqualTo("Harbour Voice");
      assertThat(persona.path("description").asText()).isEqualTo("the singer of the harbour");

      // cover art: integer successFlag, images on our URLs, in the callback too
      String cover = createAsync("cover", p.cover(), "{\"taskId\":\"%s\",\"callBackUrl\":\"%s\"}".formatted(song, cb("cover")));
      JsonNode coverData = until(p.queryCover(), cover, d -> d.path("successFlag").asInt() != 0 && d.path("successFlag").asInt() != 2);
      assertThat(coverData.path("successFlag").asInt()).isEqualTo(1);
      assertThat(coverData.path("parentTaskId").asText()).isEqualTo(song);
      JsonNode images = coverData.path("response").path("images");
      assertThat(images).hasSize(2);
      ours("cover 0", images.get(0).asText(), cover);
      ours("cover 1", images.get(1).asText(), cover);
      assertThat(finalCallback("cover").path("data").path("images")).isEqualTo(images);

      // WAV
      String wav = createAsync("wav", p.wav(), "{\"taskId\":\"%s\",\"audioId\":\"%s\",\"callBackUrl\":\"%s\"}".formatted(song, audioId, cb("wav")));
      JsonNode wavData = flagged(p.queryWav(), wav);
      assertThat(wavData.path("musicId").asText()).isEqualTo(audioId);
      String wavUrl = ours("wav", wavData.path("response").path("audioWavUrl").asText(), wav);
      assertThat(wavUrl).endsWith(".wav");
      assertThat(finalCallback("wav").path("data").path("audioWavUrl").asText()).isEqualTo(wavUrl);

      // vocal removal: the source track as originUrl, the two stems, the variant's callback fields
      String vocals = createAsync("vocals", p.vocalRemoval(),
          "{\"taskId\":\"%s\",\"audioId\":\"%s\",\"type\":\"separate_vocal\",\"callBackUrl\":\"%s\"}".formatted(song, audioId, cb("vocals")));
      JsonNode vocalsData = flagged(p.queryStems(), vocals);
      JsonNode two = vocalsData.path("response");
      assertThat(two.path("originUrl").asText()).as("the source track, as the local studio answers").isEqualTo(trackAudio);
      ours("vocal", two.path("vocalUrl").asText(), vocals);
      ours("instrumental", two.path("instrumentalUrl").asText(), vocals);
      assertThat(two.path("drumsUrl").isNull()).isTrue();
      JsonNode info = finalCallback("vocals").path("data").path("vocal_removal_info");
      assertThat(info.fieldNames()).toIterable().containsExactlyInAnyOrder("origin_url", "instrumental_url", "vocal_url");
      assertThat(info.path("vocal_url").asText()).isEqualTo(two.path("vocalUrl").asText());

      // split stems: every stem the upstream made, under the contract's names
      String split = createAsync("split", p.splitStem(),
          "{\"taskId\":\"%s\",\"audioId\":\"%s\",\"type\":\"split_stem\",\"callBackUrl\":\"%s\"}".formatted(song, audioId, cb("split")));
      JsonNode stems = flagged(p.queryStems(), split).path("response");
      for (String field : List.of("vocalUrl", "backingVocalsUrl", "drumsUrl", "bassUrl", "guitarUrl")) {
        ours("split " + field, stems.path(field).asText(), split);
      }
      assertThat(stems.path("originUrl").asText()).isEqualTo(trackAudio);
      JsonNode splitInfo = finalCallback("split").path("data").path("vocal_removal_info");
      assertThat(splitInfo.path("backing_vocals_url").asText()).isEqualTo(stems.path("backingVocalsUrl").asText());
      assertThat(splitInfo.has("instrumental_url")).isFalse();

      // music video
      String mp4 = createAsync("mp4", p.mp4(),
          "{\"taskId\":\"%s\",\"audioId\":\"%s\",\"author\":\"The Testers\",\"domainName\":\"example.com\",\"callBackUrl\":\"%s\"}"
              .formatted(song, audioId, cb("mp4")));
      String videoUrl = ours("video", flagged(p.queryMp4(), mp4).path("response").path("videoUrl").asText(), mp4);
      assertThat(finalCallback("mp4").path("data").path("video_url").asText()).isEqualTo(videoUrl);

      // the upstreams' links die; ours serve the same bytes
      sunoapi.deleteAllFiles();
      anyint.deleteAllFiles();
      for (Map.Entry<String, String> output : urls.entrySet()) {
        HttpResponse<byte[]> file = server.client().send(
            HttpRequest.newBuilder(URI.create(output.getValue().replace("localhost", "127.0.0.1"))).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).as(output.getKey()).isEqualTo(200);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body()));
        assertThat(upstream(channel).fileHashes()).as(output.getKey() + ": the upstream's bytes").contains(hash);
      }
    }

    String cb(String name) {
      return receiver.url("/" + tag + "/" + name);
    }

    /** Creates a task answered at once with its id; the upstream gets exactly one create for it. */
    String createAsync(String name, String path, String body) throws Exception {
      int before = creates();
      HttpResponse<String> created = server.post(path, body);
      assertThat(created.statusCode()).as(name + ": " + created.body()).isEqualTo(200);
      assertThat(contract.check("POST", path, created)).as("as documented").isEmpty();
      JsonNode answer = json(created);
      assertThat(answer.path("code").asInt()).as(name).isEqualTo(200);
      String taskId = answer.path("data").path("taskId").asText();
      assertThat(taskId).as(name).isNotBlank();
      JsonNode task = server.pollUntil("/v1/tasks/" + taskId, t -> t.path("status").asText().equals("succeeded"), WAIT);
      assertThat(task.path("channel").asText()).as(name + " ran on the channel of its model or source").isEqualTo(channel);
      assertThat(upstream(channel).jobsFor(taskId)).as(name + ": one upstream job").isEqualTo(1);
      assertThat(creates() - before).as(name + ": one create upstream").isEqualTo(1);
      return taskId;
    }

    /** A synchronous route: answered when the relayed call returns, with one call upstream. */
    JsonNode createSync(String path, String body) {
      int before = creates();
      HttpResponse<String> answered = server.post(path, body);
      assertThat(answered.statusCode()).as(path + ": " + answered.body()).isEqualTo(200);
      assertThat(contract.check("POST", path, answered)).as("as documented").isEmpty();
      JsonNode answer = json(answered);
      assertThat(answer.path("code").asInt()).as(answered.body()).isEqualTo(200);
      assertThat(creates() - before).as(path + ": one call upstream").isEqualTo(1);
      return answer.path("data");
    }

    JsonNode musicDone(String taskId) throws Exception {
      JsonNode data = until(p.queryTask(), taskId, d -> !d.path("status").asText().equals("PENDING") && !d.path("status").asText().endsWith("_SUCCESS"));
      assertThat(data.path("status").asText()).as(data.toString()).isEqualTo("SUCCESS");
      for (JsonNode clip : data.path("response").path("sunoData")) {
        assertThat(clip.path("duration").asDouble()).as("the upstream's duration").isGreaterThan(100);
      }
      return data;
    }

    JsonNode flagged(String query, String taskId) throws Exception {
      JsonNode data = until(query, taskId, d -> !d.path("successFlag").asText().equals("PENDING"));
      assertThat(data.path("successFlag").asText()).as(data.toString()).isEqualTo("SUCCESS");
      return data;
    }

    /** Polls a query until {@code done}; the answer that ends it is checked against the document. */
    JsonNode until(String query, String taskId, Predicate<JsonNode> done) throws Exception {
      server.pollUntil(query + "?taskId=" + taskId, j -> j.path("code").asInt() == 200 && done.test(j.path("data")), WAIT);
      HttpResponse<String> answer = server.get(query + "?taskId=" + taskId);
      assertThat(contract.check("GET", query, answer)).as("as documented").isEmpty();
      return json(answer).path("data");
    }

    /** Asserts the URL is one of ours (the task's own assets) and keeps it for the download check. */
    String ours(String what, String url, String taskId) {
      assertThat(url).as(what).startsWith("http://localhost:" + server.app().port() + "/assets/" + taskId + "/");
      urls.put(what, url);
      return url;
    }

    /** The music family's callback types at {@code name}'s URL, each signed, once {@code complete} came. */
    List<String> musicCallbacks(String name) throws Exception {
      List<String> types = new ArrayList<>();
      for (CallbackReceiver.Received received : callbacksUntilFinal(name)) {
        types.add(TestServer.JSON.readTree(received.body()).path("data").path("callbackType").asText());
      }
      assertThat(List.of("text", "first", "complete")).as("stages in order").containsSubsequence(types);
      return types;
    }

    /** The one callback of an output family, signed. */
    JsonNode finalCallback(String name) throws Exception {
      List<CallbackReceiver.Received> all = callbacksUntilFinal(name);
      assertThat(all).as(name + ": one callback").hasSize(1);
      JsonNode body = TestServer.JSON.readTree(all.get(0).body());
      assertThat(body.path("code").asInt()).isEqualTo(200);
      return body;
    }

    private List<CallbackReceiver.Received> callbacksUntilFinal(String name) throws Exception {
      String path = "/" + tag + "/" + name;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        List<CallbackReceiver.Received> mine = receiver.all().stream().filter(r -> r.path().equals(path)).toList();
        boolean complete = false;
        for (CallbackReceiver.Received received : mine) {
          JsonNode body = TestServer.JSON.readTree(received.body());
          String type = body.path("data").path("callbackType").asText("complete");
          complete |= type.equals("complete");
        }
        if (complete) {
          for (CallbackReceiver.Received received : mine) {
            Signatures.verify(server.webhookSecret(), received);
          }
          return mine;
        }
        assertThat(System.nanoTime()).as(name + ": no final callback yet: " + mine).isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }

  static FakeSuno upstream(String channel) {
    return channel.equals("suno-main") ? sunoapi : anyint;
  }

  static int creates() {
    return sunoapi.createRequests() + anyint.createRequests();
  }
}
