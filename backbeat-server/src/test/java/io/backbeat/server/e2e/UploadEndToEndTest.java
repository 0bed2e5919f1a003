package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.FixtureServer;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload routes end to end, driven the way a sunoapi.org client drives them (create, poll
 * record-info until SUCCESS, read {@code sunoData[i].audioUrl}), with recordings FFmpeg generated
 * and served from a loopback server, one format per route (MP3, FLAC, M4A, OGG; WAV is in
 * UploadFailuresTest). The outputs are judged by {@code ffprobe}, {@code aubio} and the samples
 * {@code ffmpeg} decodes.
 */
@Tag("e2e")
class UploadEndToEndTest {
  private static final double BPM = 97;
  private static final double SECONDS = 20;

  @TempDir static Path dir;
  static FixtureServer files;
  static CallbackReceiver callbacks;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    files = new FixtureServer();
    callbacks = new CallbackReceiver();
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    callbacks.close();
    files.close();
  }

  private static String create(String path, String body) {
    HttpResponse<String> created = server.post(path, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return json(created).path("data").path("taskId").asText();
  }

  private static JsonNode pollToSuccess(String taskId) throws Exception {
    JsonNode done =
        server.pollUntil(
            "/api/v1/generate/record-info?taskId=" + taskId,
            j -> !List.of("PENDING", "TEXT_SUCCESS", "FIRST_SUCCESS").contains(j.path("data").path("status").asText()),
            Duration.ofMinutes(5));
    assertThat(done.path("data").path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
    assertThat(json(server.get("/suno/query/task?taskId=" + taskId)).path("data")).isEqualTo(done.path("data"));
    return done.path("data");
  }

  private static Path download(String url, String name) throws Exception {
    Path file = dir.resolve(name);
    HttpResponse<Path> response = server.client().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
    assertThat(response.statusCode()).isEqualTo(200);
    return file;
  }

  private static JsonNode nativeClip(String taskId, int index) {
    return json(server.get("/v1/tasks/" + taskId)).path("result").path("clips").get(index);
  }

  private static List<String> callbackTypes(String taskId) throws Exception {
    List<String> types = new ArrayList<>();
    for (CallbackReceiver.Received received : callbacks.all()) {
      JsonNode payload = TestServer.JSON.readTree(received.body());
      if (payload.path("data").path("task_id").asText().equals(taskId)) {
        types.add(payload.path("data").path("callbackType").asText());
      }
    }
    return types;
  }

  @Test
  void an_uploaded_97_bpm_loop_becomes_two_covers_that_aubio_hears_at_97_bpm_and_that_keep_its_length() throws Exception {
    Path loop = MediaFixtures.loop(dir.resolve("loop97.mp3"), BPM, SECONDS);
    files.file("/loop97.mp3", loop, "audio/mpeg");
    double length = MediaFixtures.duration(loop);
    String taskId =
        create(
            "/api/v1/generate/upload-cover",
            """
            {"uploadUrl":"%s","customMode":true,"instrumental":true,"model":"V5","style":"pop, bright","title":"Loop Cover","callBackUrl":"%s"}
            """.formatted(files.url("/loop97.mp3"), callbacks.url("/cover")));

    JsonNode data = pollToSuccess(taskId);

    assertThat(data.path("operationType").asText()).isEqualTo("upload_cover");
    JsonNode clips = data.path("response").path("sunoData");
    assertThat(clips).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode clip = clips.get(i);
      assertThat(clip.path("title").asText()).isEqualTo("Loop Cover");
      Path cover = download(clip.path("audioUrl").asText(), "cover-" + i + ".mp3");
      assertThat(MediaFixtures.duration(cover)).as("cover %d length", i).isCloseTo(length, within(0.05));
      assertThat(clip.path("duration").asDouble()).isCloseTo(length, within(0.05));
      double heard = MediaFixtures.aubioBpm(cover);
      assertThat(heard).as("cover %d: aubio heard %.2f bpm", i, heard).isCloseTo(BPM, within(BPM * 0.02));
    }
    JsonNode source = json(server.get("/v1/tasks/" + taskId)).path("result").path("source");
    assertThat(source.path("bpm").asDouble()).isCloseTo(BPM, within(0.2));
    assertThat(source.path("key").asText()).isEqualTo("A minor");
    assertThat(source.path("audioUrl").asText()).endsWith("/source.mp3");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!callbackTypes(taskId).contains("complete") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(callbackTypes(taskId)).containsSubsequence("text", "first", "complete");
  }

  @Test
  void an_uploaded_recording_is_extended_after_a_bar_line_longer_by_the_continuation_with_no_click_at_the_join() throws Exception {
    // kick and one sustained chord: nothing in it is noise, so a cut at the join would stand out
    Path smooth = MediaFixtures.generate(dir.resolve("smooth.flac"), MediaFixtures.expression(BPM, 1, 0, 0, true), SECONDS);
    files.file("/smooth.flac", smooth, "audio/flac");
    String taskId =
        create(
            "/suno/upload-extend",
            """
            {"uploadUrl":"%s","defaultParamFlag":true,"instrumental":false,"model":"V5","style":"pop","title":"Onwards",
             "prompt":"[Verse]\\nOne more line to sing","continueAt":12,"callBackUrl":"https://example.com/cb"}
            """.formatted(files.url("/smooth.flac")));

    JsonNode data = pollToSuccess(taskId);

    assertThat(data.path("operationType").asText()).isEqualTo("upload_extend");
    JsonNode clip = nativeClip(taskId, 0);
    double splice = clip.path("continueAt").asDouble();
    double continuation = clip.path("continuationDuration").asDouble();
    double beat = 60 / BPM;
    assertThat(Math.abs(splice - 12)).isLessThanOrEqualTo(beat);
    assertThat(continuation).isGreaterThan(5);
    Path extended = download(data.path("response").path("sunoData").get(0).path("audioUrl").asText(), "extended.mp3");
    double length = MediaFixtures.duration(extended);
    assertThat(length).isCloseTo(splice + continuation, within(0.05));
    assertThat(length).isGreaterThan(MediaFixtures.duration(smooth));

    float[] out = MediaFixtures.decodeMono(extended);
    int s = (int) Math.round(splice * 44100);
    int fade = (int) Math.round(beat * 44100);
    double before = maxStep(out, s - 3 * 44100, s - fade - 2205);
    double atJoin = maxStep(out, s - 30, s + 30);
    // the continuation's own attacks (a real SoundFont's drums are sharp): the join must add none larger
    double after = maxStep(out, s + 2205, s + 3 * 44100);
    assertThat(atJoin)
        .as("largest sample step at the join %.4f vs before it %.4f and after it %.4f", atJoin, before, after)
        .isLessThanOrEqualTo(Math.max(before, after));
  }

  private static double maxStep(float[] x, int from, int to) {
    double max = 0;
    for (int i = Math.max(1, from); i < Math.min(x.length, to); i++) {
      max = Math.max(max, Math.abs(x[i] - x[i - 1]));
    }
    return max;
  }

  @Test
  void vocals_added_to_an_uploaded_instrumental_give_a_mix_and_a_vocal_stem_as_long_as_the_upload() throws Exception {
    Path instrumental = MediaFixtures.convert(MediaFixtures.loop(dir.resolve("inst.wav"), BPM, SECONDS), dir.resolve("inst.m4a"));
    files.file("/inst.m4a", instrumental, "audio/mp4");
    String taskId =
        create(
            "/suno/add-vocals",
            """
            {"uploadUrl":"%s","prompt":"[Verse]\\nCity lights are calling me\\nDown the road where I will be\\n[Chorus]\\nSing it loud, sing it free",
             "title":"City","style":"pop, female vocals","negativeTags":"","callBackUrl":"https://example.com/cb"}
            """.formatted(files.url("/inst.m4a")));

    JsonNode data = pollToSuccess(taskId);

    assertThat(data.path("operationType").asText()).isEqualTo("add_vocals");
    double uploaded = json(server.get("/v1/tasks/" + taskId)).path("result").path("source").path("duration").asDouble();
    assertThat(uploaded).isCloseTo(MediaFixtures.duration(instrumental), within(0.05));
    for (int i = 0; i < 2; i++) {
      Path mix = download(data.path("response").path("sunoData").get(i).path("audioUrl").asText(), "vocals-mix-" + i + ".mp3");
      assertThat(MediaFixtures.duration(mix)).isCloseTo(uploaded, within(0.05));
      JsonNode clip = nativeClip(taskId, i);
      assertThat(clip.path("stemUrls").fieldNames()).toIterable().containsExactlyInAnyOrder("upload", "vocal");
      Path vocal = download(clip.path("stemUrls").path("vocal").asText(), "vocal-" + i + ".wav");
      assertThat(MediaFixtures.duration(vocal)).isCloseTo(uploaded, within(0.001));
      // the vocal sings: it is far from silent, and it is not the instrumental
      assertThat(MediaFixtures.rmsDb(vocal, "anull")).isGreaterThan(-40);
      assertThat(clip.path("uploadStem").asText()).isEqualTo("upload");
    }
  }

  @Test
  void an_accompaniment_for_uploaded_vocals_follows_their_tempo() throws Exception {
    // a voice-like line: one note of an A minor melody per beat, each with its own attack and decay
    String melody =
        "st(0,mod(t,%.6f));st(1,mod(floor(t/%.6f),8));".formatted(60 / BPM, 60 / BPM)
            + "st(2,if(eq(ld(1),0),440,if(eq(ld(1),1),523.25,if(eq(ld(1),2),659.25,if(eq(ld(1),3),587.33,"
            + "if(eq(ld(1),4),523.25,if(eq(ld(1),5),493.88,if(eq(ld(1),6),440,392))))))));"
            + "0.3*min(1,ld(0)/0.01)*exp(-ld(0)/0.35)*(sin(2*PI*ld(2)*t)+0.3*sin(4*PI*ld(2)*t))";
    Path vocals = MediaFixtures.generate(dir.resolve("vocals.ogg"), melody, SECONDS);
    files.file("/vocals.ogg", vocals, "audio/ogg");
    String taskId =
        create(
            "/api/v1/generate/add-instrumental",
            """
            {"uploadUrl":"%s","title":"Backing","tags":"pop rock, drums, bass","negativeTags":"","model":"V5","callBackUrl":"https://example.com/cb"}
            """.formatted(files.url("/vocals.ogg")));

    JsonNode data = pollToSuccess(taskId);

    assertThat(data.path("operationType").asText()).isEqualTo("add_instrumental");
    JsonNode source = json(server.get("/v1/tasks/" + taskId)).path("result").path("source");
    assertThat(source.path("bpm").asDouble()).isCloseTo(BPM, within(BPM * 0.02));
    assertThat(source.path("pitchCentre").asDouble()).isBetween(66.0, 77.0); // around A4–E5
    Path mix = download(data.path("response").path("sunoData").get(0).path("audioUrl").asText(), "backing.mp3");
    assertThat(MediaFixtures.duration(mix)).isCloseTo(source.path("duration").asDouble(), within(0.05));
    double heard = MediaFixtures.aubioBpm(mix);
    assertThat(heard).as("aubio heard the accompanied mix at %.2f", heard).isCloseTo(BPM, within(BPM * 0.02));
    JsonNode clip = nativeClip(taskId, 0);
    assertThat(clip.path("stemUrls").fieldNames()).toIterable().contains("upload", "drums", "bass").doesNotContain("vocal", "lead");
  }
}
