package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.account.AccessKey;
import io.backbeat.core.account.AccountService;
import io.backbeat.providers.kling.KlingJwt;
import io.backbeat.providers.relay.Secret;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kling clients against our Kling surface on the real local studio: one written the way Kling's docs
 * show (sign an HS256 JWT with the access key as {@code iss}, create, poll until {@code succeed},
 * download the video), and Backbeat's own Kling relay client, pointed at a second Backbeat as if it
 * were Kling's API. The media are judged by ffprobe and ImageIO.
 */
@Tag("e2e")
class KlingEndToEndTest {
  @TempDir Path dir;

  @Test
  void a_client_signing_its_own_jwt_creates_a_video_polls_it_to_succeed_and_downloads_an_mp4() throws Exception {
    try (TestServer server = TestServer.start()) {
      AccountService.CreatedKey key = server.app().accounts().createAccount("kling-client", false);
      AccessKey pair = server.app().accounts().addAccessKey(key.account().id(), key.key().id());
      // as Kling's docs: iss = access key, exp = now + 1800 s, nbf = now - 5 s, HS256 with the secret key
      KlingJwt signer = new KlingJwt(Secret.of(pair.accessKey()), Secret.of(pair.secret()), InstantSource.system());

      HttpResponse<String> created =
          server.post("/transtreams/kling/v1/videos/omni-video", """
              {"model_name":"kling-v3-omni","prompt":"a lantern floating over a lake","mode":"std","aspect_ratio":"16:9","duration":"3",
               "external_task_id":"lantern-1"}""", signer.get());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      String taskId = json(created).path("data").path("task_id").asText();

      JsonNode done = null;
      for (Instant deadline = Instant.now().plusSeconds(300); Instant.now().isBefore(deadline); Thread.sleep(500)) {
        done = json(server.get("/transtreams/kling/v1/videos/omni-video/lantern-1", signer.get())).path("data");
        if (!done.path("task_status").asText().matches("submitted|processing")) {
          break;
        }
      }
      assertThat(done.path("task_status").asText()).as(String.valueOf(done)).isEqualTo("succeed");
      assertThat(done.path("task_id").asText()).isEqualTo(taskId);
      String url = done.path("task_result").path("videos").get(0).path("url").asText();

      Path file = dir.resolve("lantern.mp4");
      HttpResponse<Path> video = server.client().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(file));
      assertThat(video.statusCode()).isEqualTo(200);
      String probe = ffprobe(file);
      assertThat(probe).contains("codec_name=h264").contains("width=1280").contains("height=720");
      double seconds = Double.parseDouble(probe.replaceAll("(?s).*duration=([0-9.]+).*", "$1"));
      assertThat(seconds).as("the asked 3 s").isBetween(2.8, 3.2);
    }
  }

  @Test
  void backbeats_own_kling_relay_uses_a_second_backbeat_as_its_kling_upstream() throws Exception {
    try (TestServer upstream = TestServer.start()) {
      AccountService.CreatedKey key = upstream.app().accounts().createAccount("relay-account", false);
      AccessKey pair = upstream.app().accounts().addAccessKey(key.account().id(), key.key().id());
      Path yaml = Files.writeString(dir.resolve("backbeat.yaml"), """
          channels:
            - name: kling-backbeat
              type: kling
              baseUrl: %s
              accessKey: ${UP_AK}
              secretKey: ${UP_SK}
              timeout: 5s
              poll: {initial: 200ms, max: 1s}
          """.formatted(upstream.url("/transtreams/kling/v1")));
      try (TestServer relay =
          TestServer.start(Map.of("BACKBEAT_CONFIG", yaml.toString(), "UP_AK", pair.accessKey(), "UP_SK", pair.secret()))) {
        HttpResponse<String> created =
            relay.post("/transtreams/kling/v1/images/generations", "{\"model_name\":\"kling-v2-1\",\"prompt\":\"a harbour\",\"aspect_ratio\":\"1:1\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String taskId = json(created).path("data").path("task_id").asText();

        JsonNode done =
            relay.pollUntil("/transtreams/kling/v1/images/generations/" + taskId,
                b -> !b.path("data").path("task_status").asText().matches("submitted|processing"), Duration.ofSeconds(180));

        assertThat(done.path("data").path("task_status").asText()).as(done.toString()).isEqualTo("succeed");
        String url = done.path("data").path("task_result").path("images").get(0).path("url").asText();
        assertThat(url).as("rehosted on the relaying server").startsWith(relay.app().baseUrl() + "/assets/");
        HttpResponse<byte[]> png = relay.client().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body())).getWidth()).isEqualTo(1024);
        JsonNode upstreamTask = json(upstream.get("/transtreams/kling/v1/images/generations/" + taskId, key.plaintext()));
        assertThat(upstreamTask.path("data").path("task_info").path("external_task_id").asText())
            .as("the relay named the upstream task by its own id")
            .isEqualTo(taskId);
      }
    }
  }

  static String ffprobe(Path file) throws Exception {
    Process probe =
        new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height:format=duration", "-of",
                "default=noprint_wrappers=1", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(probe.getInputStream().readAllBytes());
    assertThat(probe.waitFor()).as(out).isZero();
    return out;
  }
}
