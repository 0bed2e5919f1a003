package io.backbeat.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.backbeat.core.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A loop whose store is down fails every pass: that is a few log lines, not one per pass. */
class BackgroundLoopTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(BackgroundLoop.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicBoolean storeDown = new AtomicBoolean(true);
  private final BackgroundLoop loop =
      new BackgroundLoop("dispatcher", Duration.ofSeconds(5), this::claimFromStore, clock);

  @BeforeEach
  void capture() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
  }

  private Duration claimFromStore() {
    if (storeDown.get()) {
      throw new IllegalStateException("Connection to localhost:5432 refused");
    }
    return Duration.ofMillis(100);
  }

  @Test
  void an_outage_is_logged_once_when_it_begins_and_once_when_it_ends() {
    for (int pass = 0; pass < 30; pass++) {
      assertThat(loop.runPass()).isEqualTo(BackgroundLoop.AFTER_FAILURE);
      clock.advance(Duration.ofSeconds(1));
    }
    storeDown.set(false);
    assertThat(loop.runPass()).isEqualTo(Duration.ofMillis(100));
    assertThat(loop.runPass()).isEqualTo(Duration.ofMillis(100));

    assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.INFO);
    ILoggingEvent began = appender.list.get(0);
    assertThat(began.getFormattedMessage()).contains("dispatcher");
    assertThat(began.getThrowableProxy().getMessage()).contains("5432 refused");
    assertThat(appender.list.get(1).getFormattedMessage()).isEqualTo("Loop dispatcher recovered after 30 failed passes in 30 s.");
  }

  @Test
  void a_long_outage_is_recalled_at_most_once_a_minute() {
    for (int pass = 0; pass < 150; pass++) { // 150 s of failing passes, one a second
      loop.runPass();
      clock.advance(Duration.ofSeconds(1));
    }
    storeDown.set(false);
    loop.runPass();

    assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.WARN, Level.WARN, Level.INFO);
    assertThat(appender.list.get(1).getFormattedMessage()).startsWith("Loop dispatcher still failing: 61 failed passes in 60 s");
    assertThat(appender.list.get(2).getFormattedMessage()).startsWith("Loop dispatcher still failing: 121 failed passes in 120 s");
    assertThat(appender.list.get(1).getThrowableProxy()).as("the stack trace was logged once, at the start").isNull();
  }

  @Test
  void a_second_outage_is_logged_afresh() {
    loop.runPass();
    storeDown.set(false);
    loop.runPass();
    storeDown.set(true);
    clock.advance(Duration.ofSeconds(2));
    loop.runPass();

    assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.INFO, Level.ERROR);
  }

  @Test
  void a_healthy_loop_logs_nothing_and_sleeps_at_most_max_idle() {
    storeDown.set(false);
    BackgroundLoop idle = new BackgroundLoop("retention", Duration.ofSeconds(5), () -> Duration.ofHours(1), clock);

    assertThat(idle.runPass()).isEqualTo(Duration.ofSeconds(5));
    assertThat(loop.runPass()).isEqualTo(Duration.ofMillis(100));
    assertThat(appender.list).isEmpty();
  }
}
