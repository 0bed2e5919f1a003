package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** POST /suno/generate end to end: staged, signed callbacks in order; polling agrees; real MP3s and art served. */
@Tag("e2e")
class SongEndToEndTest {

  @Test
  void a_custom_song_calls_back_text_first_complete_and_serves_real_audio() throws Exception {
    try (TestServer server = TestServer.start();
        CallbackReceiver receiver = new CallbackReceiver()) {
      String body =
          """
          {"customMode":true,"instrumental":false,"model":"V4","style":"synthwave, 100 bpm, retro",
           "title":"Night Drive","prompt":"[Verse]\\nNeon lights along the road\\nCity hums a quiet code\\n[Chorus]\\nNight drive, we are alive\\nNight drive, into the light",
           "callBackUrl":"%s"}
          """.formatted(receiver.url("/song"));
      HttpResponse<String> created = server.post("/suno/generate", body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      String taskId = json(created).path("data").path("taskId").asText();

      List<CallbackReceiver.Received> callbacks = new ArrayList<>();
      callbacks.add(receiver.take(Duration.ofSeconds(60)));
      callbacks.add(receiver.take(Duration.ofSeconds(120)));
      callbacks.add(receiver.take(Duration.ofSeconds(120)));
      String secret = server.webhookSecret();
      List<String> types = new ArrayList<>();
      for (CallbackReceiver.Received callback : callbacks) {
        Signatures.verify(secret, callback);
        JsonNode payload = TestServer.JSON.readTree(callback.body());
        assertThat(payload.path("code").asInt()).isEqualTo(200);
        assertThat(payload.path("data").path("task_id").asText()).isEqualTo(taskId);
        types.add(payload.path("data").path("callbackType").asText());
      }
      assertThat(types).containsExactly("text", "first", "complete");

      JsonNode text = TestServer.JSON.readTree(callbacks.get(0).body()).path("data").path("data");
      assertThat(text).hasSize(2);
      assertThat(text.get(0).path("title").asText()).isEqualTo("Night Drive");
      assertThat(text.get(0).path("audio_url").asText()).isEmpty();

      JsonNode first = TestServer.JSON.readTree(callbacks.get(1).body()).path("data").path("data");
      assertThat(first.findValuesAsText("audio_url")).filteredOn(u -> !u.isEmpty()).hasSize(1);

      JsonNode completeBody = TestServer.JSON.readTree(callbacks.get(2).body());
      assertThat(names(completeBody)).containsExactly("code", "msg", "data");
      assertThat(completeBody.path("msg").asText()).isEqualTo("All generated successfully.");
      assertThat(names(completeBody.path("data"))).containsExactly("callbackType", "task_id", "data");
      JsonNode complete = completeBody.path("data").path("data");
      assertThat(complete).hasSize(2);
      assertThat(names(complete.get(0)))
          .containsExactly(
              "id", "audio_url", "source_audio_url", "stream_audio_url", "source_stream_audio_url", "image_url", "source_image_url",
              "prompt", "model_name", "title", "tags", "createTime", "duration");
      for (JsonNode item : complete) {
        assertThat(item.path("id").asText()).isNotBlank();
        assertThat(item.path("audio_url").asText()).startsWith(server.app().baseUrl() + "/assets/" + taskId + "/").endsWith(".mp3");
        assertThat(item.path("stream_audio_url").asText()).isNotBlank();
        assertThat(item.path("image_url").asText()).endsWith(".jpg");
        assertThat(item.path("model_name").asText()).isNotBlank();
        assertThat(item.path("title").asText()).isEqualTo("Night Drive");
        assertThat(item.path("tags").asText()).contains("synthwave");
        assertThat(item.path("createTime").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(item.path("duration").asDouble()).isBetween(5.0, 240.0);
      }
      assertThat(complete.get(0).path("id").asText()).isNotEqualTo(complete.get(1).path("id").asText());

      JsonNode polled = json(server.get("/suno/query/task?taskId=" + taskId));
      assertThat(names(polled)).containsExactly("code", "msg", "data");
      JsonNode data = polled.path("data");
      assertThat(names(data))
          .containsExactly("taskId", "parentMusicId", "param", "response", "status", "type", "operationType", "errorCode", "errorMessage", "createTime");
      assertThat(names(data.path("response"))).containsExactly("taskId", "sunoData");
      assertThat(names(data.path("response").path("sunoData").get(0)))
          .containsExactly("id", "audioUrl", "streamAudioUrl", "imageUrl", "prompt", "modelName", "title", "tags", "createTime", "duration");
      assertThat(data.path("status").asText()).isEqualTo("SUCCESS");
      assertThat(data.path("operationType").asText()).isEqualTo("generate");
      assertThat(data.path("type").asText()).isEqualTo("GENERATE");
      assertThat(data.get("errorCode").isNull()).isTrue();
      assertThat(TestServer.JSON.readTree(data.path("param").asText()).path("title").asText()).isEqualTo("Night Drive");
      JsonNode sunoData = data.path("response").path("sunoData");
      assertThat(sunoData).hasSize(2);
      for (int i = 0; i < 2; i++) {
        JsonNode item = sunoData.get(i);
        assertThat(item.path("audioUrl").asText()).isEqualTo(complete.get(i).path("audio_url").asText());
        assertThat(item.path("streamAudioUrl").asText()).isEqualTo(complete.get(i).path("stream_audio_url").asText());
        assertThat(item.path("imageUrl").asText()).isEqualTo(complete.get(i).path("image_url").asText());
        assertThat(item.path("modelName").asText()).isEqualTo(complete.get(i).path("model_name").asText());
      }

      HttpResponse<byte[]> mp3 =
          server.client().send(HttpRequest.newBuilder(URI.create(sunoData.get(0).path("audioUrl").asText())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(mp3.statusCode()).isEqualTo(200);
      assertThat(mp3.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
      assertThat(mp3.body().length).isGreaterThan(50_000);
      assertThat(isMp3(mp3.body())).isTrue();
      HttpResponse<byte[]> ranged =
          server.client().send(
              HttpRequest.newBuilder(URI.create(sunoData.get(0).path("streamAudioUrl").asText())).header("Range", "bytes=0-1023").GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(ranged.statusCode()).isEqualTo(206);
      assertThat(ranged.body()).hasSize(1024);
      HttpResponse<byte[]> jpeg =
          server.client().send(HttpRequest.newBuilder(URI.create(sunoData.get(0).path("imageUrl").asText())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(jpeg.body()[0] & 0xff).isEqualTo(0xFF);
      assertThat(jpeg.body()[1] & 0xff).isEqualTo(0xD8);
    }
  }

  @Test
  void canceling_a_running_song_stops_it_and_refunds_its_hold() throws Exception {
    try (TestServer server = TestServer.start()) {
      String key = server.newMeteredAccountKey("cancel-" + System.nanoTime(), 100);
      String body = "{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\",\"prompt\":\"a long epic orchestral journey\",\"callBackUrl\":\"https://example.com/cb\"}";
      String taskId = json(server.post("/suno/generate", body, key)).path("data").path("taskId").asText();
      server.pollUntil("/v1/tasks/" + taskId, j -> j.path("status").asText().equals("running"), Duration.ofSeconds(30), key);
      long held = json(server.get("/v1/account", key)).path("credits").path("balance").asLong();
      assertThat(held).isLessThan(100);

      HttpResponse<String> canceled = server.post("/v1/tasks/" + taskId + "/cancel", "", key);

      assertThat(canceled.statusCode()).isEqualTo(200);
      assertThat(json(canceled).path("status").asText()).isEqualTo("canceled");
      assertThat(json(server.get("/v1/account", key)).path("credits").path("balance").asLong()).isEqualTo(100);
      JsonNode polled = json(server.get("/suno/query/task?taskId=" + taskId, key));
      assertThat(polled.path("data").path("status").asText()).isEqualTo("GENERATE_AUDIO_FAILED");
      assertThat(polled.path("data").path("errorMessage").asText()).contains("canceled");
      // canceling again is a conflict, not a second refund
      assertThat(server.post("/v1/tasks/" + taskId + "/cancel", "", key).statusCode()).isEqualTo(409);
      Thread.sleep(1000);
      assertThat(json(server.get("/v1/tasks/" + taskId, key)).path("status").asText()).isEqualTo("canceled");
    }
  }

  private static java.util.List<String> names(JsonNode node) {
    java.util.List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static boolean isMp3(byte[] bytes) {
    if (bytes.length > 3 && bytes[0] == 'I' && bytes[1] == 'D' && bytes[2] == '3') {
      return true;
    }
    return bytes.length > 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xE0) == 0xE0;
  }
}
