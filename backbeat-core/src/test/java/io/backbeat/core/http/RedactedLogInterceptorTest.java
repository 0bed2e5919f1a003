package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedactedLogInterceptorTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(RedactedLogInterceptor.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previous;

  private final EgressRequest request =
      EgressRequest.builder("POST", "https://api.test/v1/generate?key=QUERYSECRET")
          .channel("suno")
          .header("Authorization", "Bearer HEADERSECRET")
          .body("REQUESTBODY".getBytes(UTF_8), "application/json")
          .build();

  @BeforeEach
  void capture() {
    previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }

  private List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void an_answer_logs_method_redacted_url_channel_status_and_latency_and_nothing_else() throws Exception {
    Transport transport = (r, call) -> EgressResponse.of(r, 201, Headers.of(Map.of("Set-Cookie", "RESPONSEHEADER")), "RESPONSEBODY".getBytes(UTF_8));

    InterceptorChain.run(List.of(new RedactedLogInterceptor()), transport, request);

    assertThat(lines()).singleElement().satisfies(line -> {
      assertThat(line).matches("POST https://api\\.test/v1/generate \\[channel suno\\] -> HTTP 201 in \\d+ ms");
      assertThat(line).doesNotContain("QUERYSECRET", "HEADERSECRET", "REQUESTBODY", "RESPONSEHEADER", "RESPONSEBODY");
    });
  }

  @Test
  void a_failure_logs_its_classification_and_our_message() {
    Transport transport = (r, call) -> {
      throw new EgressTimeoutException("suno did not answer within 20 s (https://api.test/v1/generate)", null, SendClassification.SENT_NO_RESPONSE, "POST", -1);
    };

    assertThatThrownBy(() -> InterceptorChain.run(List.of(new RedactedLogInterceptor()), transport, request)).isInstanceOf(EgressTimeoutException.class);

    assertThat(lines()).singleElement().asString()
        .matches("POST https://api\\.test/v1/generate \\[channel suno\\] failed in \\d+ ms, SENT_NO_RESPONSE: "
            + "suno did not answer within 20 s \\(https://api\\.test/v1/generate\\)");
  }

  @Test
  void a_foreign_failure_logs_only_its_type() {
    Transport transport = (r, call) -> {
      throw new IOException("token HEADERSECRET rejected");
    };

    assertThatThrownBy(() -> InterceptorChain.run(List.of(new RedactedLogInterceptor()), transport, request)).isInstanceOf(IOException.class);

    assertThat(lines()).singleElement().asString().endsWith("SENT_NO_RESPONSE: java.io.IOException").doesNotContain("HEADERSECRET");
  }
}
