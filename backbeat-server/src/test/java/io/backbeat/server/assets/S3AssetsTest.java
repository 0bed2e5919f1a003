package io.backbeat.server.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.task.TaskIds;
import io.backbeat.server.testing.TestServer;
import io.backbeat.storage.S3MockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code BACKBEAT_ASSETS=s3://…}: assets land in the bucket and any node serves them, streamed or redirected. */
class S3AssetsTest {
  private static final String PREFIX = "server-" + Long.toHexString(new Random().nextLong());

  private static Map<String, String> s3Env(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("BACKBEAT_ASSETS", "s3://" + S3MockServer.BUCKET + "/" + PREFIX);
    env.put("BACKBEAT_S3_ENDPOINT", S3MockServer.endpoint().toString());
    env.put("BACKBEAT_S3_PATH_STYLE", "true");
    env.put("BACKBEAT_S3_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY);
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  @Test
  void an_asset_written_by_one_node_is_an_object_in_the_bucket_and_streams_with_range_from_another() throws Exception {
    byte[] bytes = new byte[300_000];
    new Random(11).nextBytes(bytes);
    String taskId = TaskIds.newId();
    try (TestServer writer = TestServer.start(s3Env()); TestServer reader = TestServer.start(s3Env())) {
      writer.app().assets().put(taskId + "/clip-1.mp3", bytes, "audio/mpeg");

      try (S3Client s3 = S3Client.builder().endpointOverride(S3MockServer.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)))
          .build()) {
        byte[] object = s3.getObjectAsBytes(b -> b.bucket(S3MockServer.BUCKET).key(PREFIX + "/" + taskId + "/clip-1.mp3")).asByteArray();
        assertThat(object).isEqualTo(bytes);
      }
      assertThat(reader.dataDir().resolve("assets").resolve(taskId)).doesNotExist();

      HttpResponse<byte[]> whole = get(reader, "/assets/" + taskId + "/clip-1.mp3");
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body()).isEqualTo(bytes);
      assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
      String etag = whole.headers().firstValue("ETag").orElseThrow();

      HttpResponse<byte[]> range = get(reader, "/assets/" + taskId + "/clip-1.mp3", "Range", "bytes=250000-250999");
      assertThat(range.statusCode()).isEqualTo(206);
      assertThat(range.body()).isEqualTo(Arrays.copyOfRange(bytes, 250_000, 251_000));
      assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 250000-250999/300000");

      HttpResponse<byte[]> suffix = get(writer, "/assets/" + taskId + "/clip-1.mp3", "Range", "bytes=-10");
      assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(bytes, 299_990, 300_000));

      assertThat(get(writer, "/assets/" + taskId + "/clip-1.mp3", "If-None-Match", etag).statusCode()).isEqualTo(304);
      assertThat(get(reader, "/assets/" + taskId + "/missing.mp3").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void with_presigning_on_a_get_redirects_to_a_signed_url_that_serves_the_bytes() throws Exception {
    byte[] bytes = new byte[5_000];
    new Random(12).nextBytes(bytes);
    String taskId = TaskIds.newId();
    try (TestServer server = TestServer.start(s3Env("BACKBEAT_S3_PRESIGN", "10m"))) {
      server.app().assets().put(taskId + "/cover.png", bytes, "image/png");

      HttpResponse<byte[]> redirect = get(server, "/assets/" + taskId + "/cover.png");

      assertThat(redirect.statusCode()).isEqualTo(302);
      URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
      assertThat(location.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");
      assertThat(location.toString()).doesNotContain(S3MockServer.SECRET_KEY);
      HttpResponse<byte[]> signed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(signed.statusCode()).isEqualTo(200);
      assertThat(signed.body()).isEqualTo(bytes);
      assertThat(get(server, "/assets/" + taskId + "/nothing.png").statusCode()).as("no redirect for what is not there").isEqualTo(404);
    }
  }

  private static HttpResponse<byte[]> get(TestServer server, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
