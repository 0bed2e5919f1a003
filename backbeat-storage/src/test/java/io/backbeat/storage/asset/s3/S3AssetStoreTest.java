package io.backbeat.storage.asset.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.asset.StoredAsset;
import io.backbeat.storage.S3MockServer;
import io.backbeat.storage.asset.AssetStoreContract;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The asset-store contract against a real S3-protocol server (S3Mock on loopback). */
class S3AssetStoreTest extends AssetStoreContract {
  private final List<S3AssetStore> opened = new java.util.ArrayList<>();
  private String prefix;

  @Override
  protected AssetStore newStore(Path dir) {
    // one prefix per test (its temporary folder), the same for every store the test opens
    prefix = "contract/" + Integer.toHexString(dir.toString().hashCode());
    S3AssetStore store = connect(S3MockServer.endpoint(), prefix);
    opened.add(store);
    return store;
  }

  static S3AssetStore connect(URI endpoint, String prefix) {
    return S3AssetStore.connect(
        new S3AssetStore.Settings(S3MockServer.BUCKET, prefix, endpoint, "us-east-1", true), credentials());
  }

  static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY));
  }

  @AfterEach
  void close() {
    opened.forEach(S3AssetStore::close);
  }

  private S3Client rawClient() {
    return S3Client.builder()
        .endpointOverride(S3MockServer.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .forcePathStyle(true)
        .build();
  }

  @Test
  void an_asset_is_an_object_at_its_key_under_the_prefix() throws Exception {
    store.put(TASK + "/clip.mp3", "abc".getBytes(UTF_8), "audio/mpeg");

    try (S3Client s3 = rawClient()) {
      List<String> keys = s3.listObjectsV2(b -> b.bucket(S3MockServer.BUCKET).prefix(prefix + "/")).contents().stream()
          .map(S3Object::key).toList();
      assertThat(keys).containsExactly(prefix + "/" + TASK + "/clip.mp3");
      assertThat(s3.getObjectAsBytes(b -> b.bucket(S3MockServer.BUCKET).key(prefix + "/" + TASK + "/clip.mp3")).asUtf8String())
          .isEqualTo("abc");
    }
  }

  @Test
  void a_large_file_goes_up_in_parts_and_reads_back_whole() throws Exception {
    // 5 MiB is the smallest part S3 accepts; three parts, the last one short
    S3AssetStore multipart = ((S3AssetStore) store).withMultipart(6L * 1024 * 1024, 5 * 1024 * 1024);
    byte[] content = randomBytes(12 * 1024 * 1024 + 17);
    Path source = Files.write(dir.resolve("long.wav"), content);

    StoredAsset stored = multipart.put(TASK + "/long.wav", source, "audio/wav");

    assertThat(stored.size()).isEqualTo(content.length);
    assertThat(stored.etag()).isEqualTo(sha256Prefix(content));
    assertThat(read(TASK + "/long.wav", 0)).isEqualTo(content);
    assertThat(read(TASK + "/long.wav", 11 * 1024 * 1024)).isEqualTo(java.util.Arrays.copyOfRange(content, 11 * 1024 * 1024, content.length));
    try (S3Client s3 = rawClient()) {
      String s3Etag = s3.headObject(b -> b.bucket(S3MockServer.BUCKET).key(prefix + "/" + TASK + "/long.wav")).eTag();
      assertThat(s3Etag).as("S3's own ETag names the parts").endsWith("-3\"");
      assertThat(s3.listMultipartUploads(b -> b.bucket(S3MockServer.BUCKET)).uploads()).noneMatch(u -> u.key().startsWith(prefix));
    }
  }

  @Test
  void an_object_written_by_someone_else_gets_its_etag_from_its_content() throws Exception {
    byte[] content = "written by hand".getBytes(UTF_8);
    try (S3Client s3 = rawClient()) {
      s3.putObject(b -> b.bucket(S3MockServer.BUCKET).key(prefix + "/" + TASK + "/hand.txt").contentType("text/plain"),
          RequestBody.fromBytes(content));
    }

    assertThat(store.find(TASK + "/hand.txt")).get().extracting(StoredAsset::etag).isEqualTo(sha256Prefix(content));
  }

  @Test
  void a_presigned_url_serves_the_asset_without_credentials() throws Exception {
    byte[] content = randomBytes(4_000);
    store.put(TASK + "/clip.mp3", content, "audio/mpeg");

    URI url = ((S3AssetStore) store).presignedUrl(TASK + "/clip.mp3", Duration.ofMinutes(5));

    assertThat(url.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    assertThat(connection.getResponseCode()).isEqualTo(200);
    try (InputStream in = connection.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void an_unreachable_object_store_is_an_io_failure_that_names_no_secret() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (S3AssetStore down = connect(URI.create("http://127.0.0.1:" + closedPort), "down")) {
      assertThatThrownBy(() -> down.put(TASK + "/clip.mp3", new byte[] {1}, "audio/mpeg"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(TASK + "/clip.mp3")
          .hasMessageNotContaining(S3MockServer.SECRET_KEY);
      assertThatThrownBy(() -> down.find(TASK + "/clip.mp3")).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> down.open(TASK + "/clip.mp3", 0)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> down.deleteTask(TASK)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void locations_parse_into_bucket_and_prefix() {
    assertThat(S3AssetStore.Settings.parse("s3://my-bucket/a/b/", null, null, false))
        .isEqualTo(new S3AssetStore.Settings("my-bucket", "a/b", null, "us-east-1", false));
    assertThat(S3AssetStore.Settings.parse("s3://my-bucket", null, "eu-west-1", true).prefix()).isEmpty();
    assertThatThrownBy(() -> S3AssetStore.Settings.parse("s3://Bad_Bucket/x", null, null, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3AssetStore.Settings.parse("/data/assets", null, null, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String sha256Prefix(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 32);
  }
}
