package io.backbeat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.account.AccessKey;
import io.backbeat.core.account.AccountService;
import io.backbeat.providers.kling.KlingJwt;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.config.ConfigLoader;
import io.backbeat.storage.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./backbeat keys create --kling}: an API key plus a Kling access key and secret, each printed once. */
class KeysCommandTest {
  @TempDir Path dir;

  @Test
  void kling_issues_an_access_key_whose_secret_verifies_tokens_for_the_new_key() {
    BackbeatConfig config = ConfigLoader.load(Map.of("BACKBEAT_DATA", dir.toString()), dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int exit = KeysCommand.Create.create(config, "kling-shop", null, null, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    String accessKey = line(out, "kling access key: (\\S+)");
    String secret = line(out, "kling secret key: (\\S+)");
    String keyId = line(out, "key id:\\s+(\\S+)");
    assertThat(accessKey).startsWith("bbak_");
    assertThat(secret).startsWith("bbsk_").hasSizeGreaterThan(40);
    assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).as("the API key is still the last line").startsWith("bb_live_");
    try (Database database = Database.open(config.storage().databaseUrl())) {
      Optional<AccessKey> stored = new AccountService(database.transactor(), InstantSource.system()).accessKey(accessKey);
      assertThat(stored).isPresent();
      assertThat(stored.get().apiKeyId()).isEqualTo(keyId);
      String jwt = KlingJwt.token(accessKey, secret, Instant.now(), Instant.now().plusSeconds(60));
      assertThat(KlingJwt.parse(jwt).signedWith(stored.get().secret())).isTrue();
    }
  }

  @Test
  void without_kling_no_access_key_is_issued() {
    BackbeatConfig config = ConfigLoader.load(Map.of("BACKBEAT_DATA", dir.toString()), dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    KeysCommand.Create.create(config, "plain", null, null, false, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("kling").doesNotContain("bbsk_");
  }

  private static String line(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }
}
