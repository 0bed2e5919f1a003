package io.backbeat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.task.TaskKind;
import io.backbeat.providers.relay.ChannelConfig;
import io.backbeat.providers.relay.ChannelType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code channels:} list of the config file: the operator's interface of issue 12. */
class ChannelConfigTest {
  @TempDir Path dir;

  BackbeatConfig load(String yaml, Map<String, String> env) throws Exception {
    Path file = Files.writeString(dir.resolve("backbeat.yaml"), yaml);
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("BACKBEAT_CONFIG", file.toString());
    return ConfigLoader.load(all, dir);
  }

  @Test
  void without_channels_the_local_studio_is_the_default() throws Exception {
    ChannelsConfig channels = load("server:\n  port: 8081\n", Map.of()).channels();

    assertThat(channels.configured()).isFalse();
    assertThat(channels.usable()).isEmpty();
  }

  @Test
  void the_documented_example_reads_with_variables_from_the_environment() throws Exception {
    ChannelsConfig channels =
        load(
            """
            channels:
              - name: suno-main
                type: sunoapi          # sunoapi (the /api/v1 family) | anyint-suno (/suno/*) | dashscope | kling | local
                baseUrl: https://upstream.example/api/v1
                apiKey: ${SUNO_API_KEY}
                kinds: [SONG, EXTEND, LYRICS]   # optional: default every kind the type serves
                priority: 10                    # higher first; equal priorities share by weight
                weight: 1
            """,
            Map.of("SUNO_API_KEY", "sk-suno-123"))
            .channels();

    assertThat(channels.configured()).isTrue();
    assertThat(channels.skipped()).isEmpty();
    ChannelConfig suno = channels.usable().get(0);
    assertThat(suno.name()).isEqualTo("suno-main");
    assertThat(suno.type()).isEqualTo(ChannelType.SUNOAPI);
    assertThat(suno.apiRoot()).isEqualTo("https://upstream.example/api/v1");
    assertThat(suno.apiKey().reveal()).isEqualTo("sk-suno-123");
    assertThat(suno.kinds()).containsExactlyInAnyOrder(TaskKind.SONG, TaskKind.EXTEND, TaskKind.LYRICS);
    assertThat(suno.priority()).isEqualTo(10);
    assertThat(suno.weight()).isEqualTo(1);
    assertThat(suno.toString()).as("a channel never prints its key").doesNotContain("sk-suno-123");
  }

  @Test
  void every_key_maps_and_defaults_hold() throws Exception {
    Path secret = Files.writeString(dir.resolve("kling-secret"), "kling-sk-456\n");
    ChannelsConfig channels =
        load(
            """
            channels:
              - name: kling-main
                type: kling
                baseUrl: ${KLING_URL:-https://api-singapore.klingai.com}
                accessKey: ${KLING_AK}
                secretKeyFile: %s
                models: [kling-v3-omni]
                priority: 5
                weight: 3
                rateLimit: {perSecond: 2, burst: 4}
                concurrency: 10
                timeout: 20s
                poll: {initial: 3s, max: 2m}
                horizon: 6h
                reconcileGrace: 90s
                callbacks: false
              - name: dash
                type: dashscope
                baseUrl: https://dashscope-intl.aliyuncs.com
                apiKey: ${DASHSCOPE_KEY}
              - name: studio
                type: local
            """.formatted(secret),
            Map.of("KLING_AK", "ak-1", "DASHSCOPE_KEY", "sk-ds"))
            .channels();

    ChannelConfig kling = channels.usable().get(0);
    assertThat(kling.apiRoot()).isEqualTo("https://api-singapore.klingai.com/v1");
    assertThat(kling.accessKey().reveal()).isEqualTo("ak-1");
    assertThat(kling.secretKey().reveal()).as("read from the file, trimmed").isEqualTo("kling-sk-456");
    assertThat(kling.kinds()).isEqualTo(Set.of(TaskKind.IMAGE, TaskKind.VIDEO));
    assertThat(kling.models()).containsExactly("kling-v3-omni");
    assertThat(kling.rate().permitsPerSecond()).isEqualTo(2.0);
    assertThat(kling.rate().burst()).isEqualTo(4);
    assertThat(kling.concurrency()).isEqualTo(10);
    assertThat(kling.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(kling.pollInitial()).isEqualTo(Duration.ofSeconds(3));
    assertThat(kling.pollMax()).isEqualTo(Duration.ofMinutes(2));
    assertThat(kling.horizon()).isEqualTo(Duration.ofHours(6));
    assertThat(kling.reconcileGrace()).isEqualTo(Duration.ofSeconds(90));
    assertThat(kling.callbacks()).isFalse();
    ChannelConfig dash = channels.usable().get(1);
    assertThat(dash.apiRoot()).isEqualTo("https://dashscope-intl.aliyuncs.com/api/v1");
    assertThat(dash.priority()).isZero();
    assertThat(dash.weight()).isEqualTo(1);
    assertThat(dash.rate()).isNull();
    assertThat(dash.concurrency()).isZero();
    assertThat(dash.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(dash.pollInitial()).isEqualTo(Duration.ofSeconds(5));
    assertThat(dash.pollMax()).isEqualTo(Duration.ofSeconds(60));
    assertThat(dash.horizon()).isEqualTo(Duration.ofHours(24));
    assertThat(dash.callbacks()).isTrue();
    assertThat(channels.locals()).extracting(ChannelConfig::name).containsExactly("studio");
  }

  @Test
  void a_channel_whose_credentials_are_missing_is_skipped_and_reported_not_used_empty() throws Exception {
    ChannelsConfig channels =
        load(
            """
            channels:
              - name: suno-main
                type: sunoapi
                baseUrl: https://api.sunoapi.org
                apiKey: ${SUNO_API_KEY}
              - name: kling-main
                type: kling
                baseUrl: https://api-singapore.klingai.com
                accessKey: ${KLING_AK}
                secretKeyFile: /nonexistent/secret
            """,
            Map.of("KLING_AK", "ak"))
            .channels();

    assertThat(channels.usable()).isEmpty();
    assertThat(channels.skipped()).extracting(ChannelsConfig.Skipped::name).containsExactly("suno-main", "kling-main");
    assertThat(channels.skipped().get(0).reason()).contains("missing apiKey");
    assertThat(channels.skipped().get(1).reason()).contains("missing secretKey");
  }

  @Test
  void a_key_written_in_the_config_file_is_refused_without_repeating_it() {
    assertThatThrownBy(() -> load(
            """
            channels:
              - name: suno-main
                type: sunoapi
                baseUrl: https://api.sunoapi.org
                apiKey: sk-live-literal-0001
            """,
            Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("apiKey must come from the environment")
        .hasMessageNotContaining("sk-live-literal-0001");
  }

  @Test
  void mistakes_other_than_missing_credentials_stop_the_start() {
    assertThatThrownBy(() -> load("channels:\n  - name: x\n    type: midjourney\n    baseUrl: https://a.example\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("type must be one of");
    assertThatThrownBy(() -> load("channels:\n  - name: x\n    type: dashscope\n    baseUrl: https://a.example\n    kinds: [SONG]\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot serve [SONG]");
    assertThatThrownBy(() -> load("channels:\n  - name: x\n    type: sunoapi\n    baseUrl: https://k:s@a.example\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must not hold credentials");
    assertThatThrownBy(() -> load("channels:\n  - name: x\n    type: local\n  - name: x\n    type: local\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("two channels are named x");
    assertThatThrownBy(() -> load("channels:\n  - name: x\n    type: local\n    apikey: ${A}\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'apikey'");
  }
}
