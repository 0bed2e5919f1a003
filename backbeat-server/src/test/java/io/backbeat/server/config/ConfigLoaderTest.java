package io.backbeat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.webhook.RetrySchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaults_are_embedded_sqlite_local_folder_port_8080_and_no_private_egress() {
    BackbeatConfig config = ConfigLoader.load(Map.of(), dir);

    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    assertThat(config.server().publicUrl()).isNull();
    assertThat(config.storage().dataDir()).isEqualTo(dir.resolve("data"));
    assertThat(config.storage().databaseUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("data").resolve("backbeat.db"));
    assertThat(config.storage().assetsDir()).isEqualTo(dir.resolve("data").resolve("assets"));
    assertThat(config.egress().allowPrivate()).isFalse();
    assertThat(config.webhooks().retrySchedule()).isEqualTo(RetrySchedule.DEFAULT);
    assertThat(config.webhooks().timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.workers().slots()).as("each provider keeps its own default").isEmpty();
    assertThat(config.runWorkers()).isTrue();
    assertThat(config.workers().lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.engine().soundFont()).isNull();
  }

  @Test
  void environment_variables_override_everything() throws Exception {
    Path font = Files.createFile(dir.resolve("gm.sf2"));
    BackbeatConfig config =
        ConfigLoader.load(
            Map.ofEntries(
                Map.entry("BACKBEAT_PORT", "9090"),
                Map.entry("BACKBEAT_HOST", "127.0.0.1"),
                Map.entry("BACKBEAT_PUBLIC_URL", "https://music.example.org/"),
                Map.entry("BACKBEAT_DATA", "/srv/bb"),
                Map.entry("BACKBEAT_DB_URL", "jdbc:postgresql://db/bb"),
                Map.entry("BACKBEAT_ASSETS", "/mnt/assets"),
                Map.entry("BACKBEAT_EGRESS_ALLOW_PRIVATE", "true"),
                Map.entry("BACKBEAT_WEBHOOK_RETRY_SCHEDULE", "1s,1s,2s"),
                Map.entry("BACKBEAT_WEBHOOK_TIMEOUT", "3s"),
                Map.entry("BACKBEAT_WORKERS", "2"),
                Map.entry("BACKBEAT_LEASE", "10s"),
                Map.entry("BACKBEAT_MAX_ATTEMPTS", "3"),
                Map.entry("BACKBEAT_RETRY_BACKOFF", "500ms"),
                Map.entry("BACKBEAT_RUN_WORKERS", "false"),
                Map.entry("BACKBEAT_SOUNDFONT", font.toString())),
            dir);

    assertThat(config.server().port()).isEqualTo(9090);
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.server().publicUrl()).isEqualTo("https://music.example.org");
    assertThat(config.storage().dataDir()).isEqualTo(Path.of("/srv/bb"));
    assertThat(config.storage().databaseUrl()).isEqualTo("jdbc:postgresql://db/bb");
    assertThat(config.storage().assetsDir()).isEqualTo(Path.of("/mnt/assets"));
    assertThat(config.egress().allowPrivate()).isTrue();
    assertThat(config.webhooks().retrySchedule().delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(config.webhooks().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.workers().slots()).containsExactly(Map.entry("local", 2));
    assertThat(config.workers().lease()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.workers().maxAttempts()).isEqualTo(3);
    assertThat(config.workers().retryBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.runWorkers()).isFalse();
    assertThat(config.engine().soundFont()).isEqualTo(font);
  }

  @Test
  void the_yaml_file_sets_values_and_the_environment_still_wins() throws Exception {
    Files.writeString(
        dir.resolve("backbeat.yaml"),
        """
        server:
          port: 7070
          publicUrl: http://bb.local
        storage:
          data: ./state
        egress:
          allowPrivate: true
        webhooks:
          retrySchedule: 2s,4s
        workers:
          max: 3
          slots:
            suno-main: 500
        """);
    BackbeatConfig config = ConfigLoader.load(Map.of("BACKBEAT_PORT", "6060"), dir);

    assertThat(config.server().port()).isEqualTo(6060);
    assertThat(config.server().publicUrl()).isEqualTo("http://bb.local");
    assertThat(config.storage().dataDir()).isEqualTo(dir.resolve("state"));
    assertThat(config.egress().allowPrivate()).isTrue();
    assertThat(config.webhooks().retrySchedule().delays()).isEqualTo(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)));
    assertThat(config.workers().slots()).containsOnly(Map.entry("local", 3), Map.entry("suno-main", 500));
  }

  @Test
  void an_explicit_config_file_is_used_and_a_missing_one_is_an_error() throws Exception {
    Path file = Files.writeString(dir.resolve("custom.yaml"), "server:\n  port: 5050\n");
    assertThat(ConfigLoader.load(Map.of("BACKBEAT_CONFIG", file.toString()), dir).server().port()).isEqualTo(5050);
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_CONFIG", dir.resolve("nope.yaml").toString()), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void invalid_values_name_the_setting() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_PORT", "eighty"), dir)).hasMessageContaining("BACKBEAT_PORT");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_PORT", "70000"), dir)).hasMessageContaining("BACKBEAT_PORT");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_EGRESS_ALLOW_PRIVATE", "maybe"), dir))
        .hasMessageContaining("BACKBEAT_EGRESS_ALLOW_PRIVATE");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_WEBHOOK_TIMEOUT", "soon"), dir))
        .hasMessageContaining("BACKBEAT_WEBHOOK_TIMEOUT");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_SOUNDFONT", "/no/such.sf2"), dir))
        .hasMessageContaining("BACKBEAT_SOUNDFONT");
  }

  @Test
  void egress_allow_addresses_come_from_the_environment_or_yaml_and_host_names_are_refused() throws Exception {
    assertThat(ConfigLoader.load(Map.of(), dir).egress().allowAddresses()).isEmpty();
    assertThat(ConfigLoader.load(Map.of("BACKBEAT_EGRESS_ALLOW_ADDRESSES", "10.0.0.5, 10.20.0.0/16"), dir).egress().allowAddresses())
        .containsExactly("10.0.0.5", "10.20.0.0/16");
    Path yaml = Files.writeString(dir.resolve("backbeat.yaml"), "egress:\n  allowAddresses: [\"192.168.1.10\"]\n");
    assertThat(ConfigLoader.load(Map.of("BACKBEAT_CONFIG", yaml.toString()), dir).egress().allowAddresses()).containsExactly("192.168.1.10");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_EGRESS_ALLOW_ADDRESSES", "storage.internal"), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("BACKBEAT_EGRESS_ALLOW_ADDRESSES")
        .hasMessageContaining("host names are not allowed");
  }

  @Test
  void an_s3_location_selects_the_bucket_store_with_endpoint_region_path_style_credentials_and_presigning() {
    BackbeatConfig config =
        ConfigLoader.load(
            Map.of(
                "BACKBEAT_ASSETS", "s3://media-bucket/backbeat/prod/",
                "BACKBEAT_S3_ENDPOINT", "http://127.0.0.1:9000/",
                "BACKBEAT_S3_REGION", "eu-central-1",
                "BACKBEAT_S3_PATH_STYLE", "true",
                "BACKBEAT_S3_PRESIGN", "15m",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "very-secret-value"),
            dir);

    BackbeatConfig.S3Config s3 = config.storage().s3();
    assertThat(s3.bucket()).isEqualTo("media-bucket");
    assertThat(s3.prefix()).isEqualTo("backbeat/prod");
    assertThat(s3.endpoint()).hasToString("http://127.0.0.1:9000");
    assertThat(s3.region()).isEqualTo("eu-central-1");
    assertThat(s3.pathStyle()).isTrue();
    assertThat(s3.presign()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s3.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(s3.secretAccessKey()).isEqualTo("very-secret-value");
    assertThat(s3.toString()).as("configs are logged").doesNotContain("very-secret-value").doesNotContain("AKIDEXAMPLE");
    assertThat(config.storage().assetsDir()).as("no folder named s3:").isEqualTo(dir.resolve("data").resolve("assets"));
  }

  @Test
  void s3_defaults_are_aws_virtual_hosted_streaming_and_the_sdk_credential_chain() {
    BackbeatConfig.S3Config s3 = ConfigLoader.load(Map.of("BACKBEAT_ASSETS", "s3://bucket-1", "AWS_REGION", "us-west-2"), dir).storage().s3();

    assertThat(s3.prefix()).isEmpty();
    assertThat(s3.endpoint()).isNull();
    assertThat(s3.region()).isEqualTo("us-west-2");
    assertThat(s3.pathStyle()).isFalse();
    assertThat(s3.presign()).isNull();
    assertThat(s3.accessKeyId()).isNull();
    assertThat(ConfigLoader.load(Map.of(), dir).storage().s3()).as("a folder by default").isNull();
    assertThat(ConfigLoader.load(Map.of("BACKBEAT_ASSETS", "s3://bucket-1", "AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b",
            "AWS_SESSION_TOKEN", "t"), dir).storage().s3().accessKeyId())
        .as("temporary credentials are left to the SDK's chain, which reads the session token").isNull();
  }

  @Test
  void bad_s3_settings_name_the_setting() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_ASSETS", "s3://Not_A_Bucket/x"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("BACKBEAT_ASSETS");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_ASSETS", "s3://bucket-1", "BACKBEAT_S3_ENDPOINT", "ftp://x"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("BACKBEAT_S3_ENDPOINT");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_ASSETS", "s3://bucket-1", "BACKBEAT_S3_PRESIGN", "8d"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("BACKBEAT_S3_PRESIGN");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("BACKBEAT_ASSETS", "s3://bucket-1", "AWS_ACCESS_KEY_ID", "only-half"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("AWS_SECRET_ACCESS_KEY")
        .hasMessageNotContaining("only-half");
  }
}
