package io.backbeat.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLogEncoderTest {
  private static final String KEY = "bb_live_" + "Zx9".repeat(13) + "Q";
  private static final String SECRET = "whsec_" + "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  private static final String SIGNATURE = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=";

  private static JsonNode encode(String message, Throwable error) throws Exception {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    LoggingEvent event = new LoggingEvent("test", context.getLogger("io.backbeat.Test"), Level.WARN, message, error, null);
    JsonLogEncoder encoder = new JsonLogEncoder();
    encoder.setContext(context);
    encoder.start();
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").doesNotContain("\n\n");
    return new ObjectMapper().readTree(line);
  }

  @Test
  void a_line_is_one_json_object_with_level_logger_and_message() throws Exception {
    JsonNode json = encode("task 42 created", null);
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("logger").asText()).isEqualTo("io.backbeat.Test");
    assertThat(json.path("msg").asText()).isEqualTo("task 42 created");
    assertThat(json.path("ts").asText()).endsWith("Z");
  }

  @Test
  void keys_secrets_signatures_and_bearer_tokens_never_reach_the_line() throws Exception {
    JsonNode json =
        encode(
            "Authorization: Bearer " + KEY + " secret=" + SECRET + " sig=" + SIGNATURE,
            new IllegalStateException("failed with " + KEY));
    String all = json.toString();
    assertThat(all).doesNotContain(KEY).doesNotContain(SECRET).doesNotContain(SIGNATURE);
    assertThat(all).doesNotContain("Zx9Zx9");
    assertThat(json.path("msg").asText()).contains("whsec_***").contains("v1,***");
    assertThat(json.path("error").asText()).contains("IllegalStateException").contains("bb_live_***");
  }
}
