package io.backbeat.server.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.task.TaskIds;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /assets/{taskId}/{file}}: Range, ETag, conditional requests, content types. */
class AssetRoutesTest {
  private static TestServer server;
  private static byte[] bytes;
  private static String path;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    bytes = new byte[100_000];
    new Random(7).nextBytes(bytes);
    String taskId = TaskIds.newId();
    server.app().assets().put(taskId + "/clip-1.mp3", bytes, "audio/mpeg");
    path = "/assets/" + taskId + "/clip-1.mp3";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> get(String p, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(p))).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void whole_file_with_type_length_etag_and_cache_headers() throws Exception {
    HttpResponse<byte[]> response = get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(bytes);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
    assertThat(response.headers().firstValue("Content-Length")).hasValue("100000");
    assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(response.headers().firstValue("ETag").orElseThrow()).matches("\"[0-9a-f]{16,}\"");
    assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=");
  }

  @Test
  void a_byte_range_returns_206_with_exactly_those_bytes() throws Exception {
    HttpResponse<byte[]> response = get(path, "Range", "bytes=1000-1999");
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
    assertThat(response.headers().firstValue("Content-Length")).hasValue("1000");
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));
  }

  @Test
  void an_open_ended_range_runs_to_the_end() throws Exception {
    HttpResponse<byte[]> response = get(path, "Range", "bytes=99000-");
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 99000-99999/100000");
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(bytes, 99000, 100000));
  }

  @Test
  void a_suffix_range_returns_the_last_bytes() throws Exception {
    HttpResponse<byte[]> response = get(path, "Range", "bytes=-500");
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 99500-99999/100000");
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(bytes, 99500, 100000));
  }

  @Test
  void a_range_past_the_end_is_416() throws Exception {
    HttpResponse<byte[]> response = get(path, "Range", "bytes=200000-");
    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */100000");
  }

  @Test
  void a_matching_if_none_match_is_304() throws Exception {
    String etag = get(path).headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> response = get(path, "If-None-Match", etag);
    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void a_stale_if_range_serves_the_whole_file() throws Exception {
    HttpResponse<byte[]> response = get(path, "Range", "bytes=0-9", "If-Range", "\"stale\"");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(100_000);
  }

  @Test
  void head_has_the_headers_and_no_body() throws Exception {
    HttpResponse<byte[]> response =
        server.client().send(HttpRequest.newBuilder(URI.create(server.url(path))).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("100000");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void unknown_assets_and_odd_paths_are_404() throws Exception {
    assertThat(get("/assets/" + TaskIds.newId() + "/clip-1.mp3").statusCode()).isEqualTo(404);
    assertThat(get("/assets/..%2F..%2Fetc/passwd").statusCode()).isEqualTo(404);
    assertThat(get("/assets/abc/.hidden").statusCode()).isEqualTo(404);
  }
}
