package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EgressLoggingTest {
  @TempDir Path dir;

  private final LoopbackServer server = LoopbackServer.start();
  /** The whole package: the chain's interceptors log under their own names. */
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.backbeat.core.http");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previous;

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
    server.close();
  }

  @Test
  void log_lines_never_contain_query_strings_signatures_or_bodies() throws Exception {
    server.answer(exchange -> {
      if (exchange.getRequestURI().getPath().equals("/hop")) {
        LoopbackServer.redirect(exchange, 302, "/file.mp3?X-Amz-Signature=SIGNED");
      } else {
        LoopbackServer.respond(exchange, 200, "RESPONSE-BODY");
      }
    });

    try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(true))) {
      client.post("callBackUrl", server.url("/cb?token=TOKEN"), Map.of("webhook-signature", "v1,SIGNATURE"), "REQUEST-BODY".getBytes(UTF_8), Duration.ofSeconds(5));
      client.download("uploadUrl", server.url("/hop?key=KEY"), dir.resolve("a.mp3"), 1024, Duration.ofSeconds(5));
    }

    List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anySatisfy(line -> assertThat(line).contains(server.url("/cb")));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains(server.url("/file.mp3")));
    assertThat(String.join("\n", lines)).doesNotContain("TOKEN", "SIGNATURE", "SIGNED", "KEY", "REQUEST-BODY", "RESPONSE-BODY");
  }

  @Test
  void many_virtual_threads_can_call_at_once() throws Exception {
    List<Future<Integer>> calls = new ArrayList<>();
    try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(true));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        String url = server.url("/cb/" + i);
        calls.add(pool.submit(() -> client.post(url, Map.of(), new byte[0], Duration.ofSeconds(10)).status()));
      }
      for (Future<Integer> call : calls) {
        assertThat(call.get()).isEqualTo(200);
      }
    }
    assertThat(server.requests()).hasSize(50);
  }
}
