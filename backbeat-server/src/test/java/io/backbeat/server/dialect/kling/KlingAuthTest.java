package io.backbeat.server.dialect.kling;

import static io.backbeat.server.dialect.kling.KlingContractTest.assertError;
import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.account.AccessKey;
import io.backbeat.core.account.AccountService;
import io.backbeat.providers.kling.KlingJwt;
import io.backbeat.server.Extensions;
import io.backbeat.server.testing.MediaTestProvider;
import io.backbeat.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kling's own scheme: an HS256 JWT with {@code iss} = access key, checked against the secret issued
 * with it. Valid tokens act as the key they were issued for; expired, not-yet-valid and wrongly
 * signed ones get 1004, 1003 and 1002.
 */
class KlingAuthTest {
  static final String QUERY = "/transtreams/kling/v1/images/generations";
  private static TestServer server;
  private static AccessKey pair;
  private static AccountService.CreatedKey owner;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(), new Extensions(List.of(new MediaTestProvider()), List.of()));
    owner = server.app().accounts().createAccount("kling-jwt", false);
    pair = server.app().accounts().addAccessKey(owner.account().id(), owner.key().id());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String token(String secret, Instant notBefore, Instant expiresAt) {
    return KlingJwt.token(pair.accessKey(), secret, notBefore, expiresAt);
  }

  @Test
  void a_token_signed_with_the_issued_secret_acts_as_its_key_and_sees_that_accounts_tasks() {
    Instant now = Instant.now();
    String jwt = token(pair.secret(), now.minusSeconds(5), now.plus(Duration.ofMinutes(30)));

    HttpResponse<String> created = server.post(QUERY, "{\"prompt\":\"signed like Kling's docs\"}", jwt);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String taskId = json(created).path("data").path("task_id").asText();
    assertThat(json(server.get(QUERY + "/" + taskId, owner.plaintext())).path("data").path("task_id").asText())
        .as("the task belongs to the key's account")
        .isEqualTo(taskId);
    assertThat(server.get(QUERY + "/" + taskId, server.apiKey).statusCode()).as("and to no other").isEqualTo(404);
  }

  @Test
  void an_expired_token_gets_1004() {
    Instant now = Instant.now();
    assertError(server.get(QUERY, token(pair.secret(), now.minusSeconds(3600), now.minusSeconds(1800))), 401, 1004, "expired");
  }

  @Test
  void a_token_not_yet_valid_gets_1003() {
    Instant now = Instant.now();
    assertError(server.get(QUERY, token(pair.secret(), now.plusSeconds(600), now.plusSeconds(2400))), 401, 1003, "not yet valid");
  }

  @Test
  void a_token_with_a_wrong_signature_or_an_unknown_issuer_gets_1002() {
    Instant now = Instant.now();
    assertError(server.get(QUERY, token("bbsk_not-the-secret", now.minusSeconds(5), now.plusSeconds(1800))), 401, 1002, "signature");
    String stranger = KlingJwt.token("bbak_nobody", pair.secret(), now.minusSeconds(5), now.plusSeconds(1800));
    assertError(server.get(QUERY, stranger), 401, 1002, "signature");
    assertError(server.get(QUERY, "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.x"), 401, 1002, "invalid");
  }

  @Test
  void a_signature_is_checked_before_the_time_so_a_forged_expired_token_is_invalid_not_expired() {
    Instant now = Instant.now();
    assertError(server.get(QUERY, token("bbsk_forged", now.minusSeconds(3600), now.minusSeconds(1800))), 401, 1002, "signature");
  }

  @Test
  void no_error_body_or_message_repeats_the_token() {
    Instant now = Instant.now();
    String jwt = token("bbsk_wrong", now.minusSeconds(5), now.plusSeconds(1800));
    HttpResponse<String> refused = server.get(QUERY, jwt);
    assertThat(refused.body()).doesNotContain(jwt).doesNotContain(pair.secret());
  }
}
