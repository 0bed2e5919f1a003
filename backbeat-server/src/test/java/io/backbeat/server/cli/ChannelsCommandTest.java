package io.backbeat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.providers.fake.FakeDashScope;
import io.backbeat.providers.fake.FakeKling;
import io.backbeat.providers.fake.FakeSuno;
import io.backbeat.providers.fake.Faults;
import io.backbeat.server.callbacks.UpstreamCallbackRoutes;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./backbeat channels}: lists the channels and checks each one without creating a paid job. */
class ChannelsCommandTest {
  @TempDir Path dir;

  @Test
  void lists_every_channel_and_checks_reachability_and_credentials_without_creating_a_job() throws Exception {
    try (FakeSuno suno = new FakeSuno(FakeSuno.Family.SUNOAPI, InstantSource.system(), 1, Faults.NONE, "good-suno-key");
        FakeDashScope dashscope = new FakeDashScope(InstantSource.system(), 2, Faults.NONE, "good-ds-key", p -> null);
        FakeKling kling = new FakeKling(InstantSource.system(), 3, Faults.NONE, "ak", "sk-0123456789")) {
      Path yaml = Files.writeString(dir.resolve("backbeat.yaml"), """
          channels:
            - name: suno-main
              type: sunoapi
              baseUrl: %s
              apiKey: ${SUNO_KEY}
            - name: dash
              type: dashscope
              baseUrl: %s
              apiKey: ${DS_KEY}
            - name: kling-main
              type: kling
              baseUrl: %s
              accessKey: ${KLING_AK}
              secretKey: ${KLING_SK}
            - name: kling-wrong
              type: kling
              baseUrl: %s
              accessKey: ${KLING_AK}
              secretKey: ${KLING_WRONG_SK}
            - name: suno-backup
              type: anyint-suno
              baseUrl: https://gateway.api.anyint.ai
              apiKey: ${UNSET_KEY}
            - name: studio
              type: local
          """.formatted(suno.baseUrl(), dashscope.baseUrl(), kling.baseUrl(), kling.baseUrl()));
      BackbeatConfig config = ConfigLoader.load(Map.of(
          "BACKBEAT_CONFIG", yaml.toString(), "BACKBEAT_EGRESS_ALLOW_PRIVATE", "true",
          "SUNO_KEY", "good-suno-key", "DS_KEY", "wrong-ds-key", "KLING_AK", "ak", "KLING_SK", "sk-0123456789",
          "KLING_WRONG_SK", "sk-not-the-secret"), dir);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();

      int exit = ChannelsCommand.report(config, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

      String out = bytes.toString(StandardCharsets.UTF_8);
      assertThat(line(out, "suno-main")).contains("sunoapi").contains("ok").contains("credits left: 1234");
      assertThat(line(out, "dash ")).contains("CREDENTIALS REFUSED");
      assertThat(line(out, "kling-main")).contains(" ok ");
      assertThat(line(out, "kling-wrong")).as("a JWT signed with the wrong secret").contains("CREDENTIALS REFUSED");
      assertThat(line(out, "suno-backup")).contains("MISSING").contains("missing apiKey");
      assertThat(line(out, "studio")).contains("built-in studio");
      assertThat(exit).as("a refused and a skipped channel").isEqualTo(1);
      assertThat(out).doesNotContain("good-suno-key").doesNotContain("wrong-ds-key").doesNotContain("sk-0123456789").doesNotContain("sk-not-the-secret");
      assertThat(suno.createRequests() + dashscope.createRequests() + kling.createRequests()).as("no paid job").isZero();
    }
  }

  @Test
  void without_channels_it_says_the_local_studio_serves_everything() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = ChannelsCommand.report(ConfigLoader.load(Map.of(), dir), new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

    assertThat(exit).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("local studio serves every kind");
  }

  @Test
  void the_request_log_masks_the_token_of_a_callback_url() {
    assertThat(UpstreamCallbackRoutes.loggable("/callbacks/suno-main/0123456789abcdef0123456789abcdef/sEcReTtOkEn"))
        .isEqualTo("/callbacks/suno-main/0123456789abcdef0123456789abcdef/****");
    assertThat(UpstreamCallbackRoutes.loggable("/suno/generate")).isEqualTo("/suno/generate");
  }

  private static String line(String out, String start) {
    return out.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line for " + start + " in\n" + out));
  }
}
