package io.backbeat.core.loop;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@code runOnce} body until stopped. The body never kills the loop: a throw is logged and the
 * loop keeps running. A run of failures (a database outage fails every pass) is logged once when it
 * begins, then at most once per {@link #STILL_FAILING_EVERY}, and once when a pass succeeds again: an
 * outage of an hour is a handful of lines, not thousands of stack traces. {@link #wake()} cuts the wait short (a new task was inserted, say). Tests do
 * not start loops; they call the body's {@code runOnce()} directly.
 */
public final class BackgroundLoop {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

  /** While passes keep failing, a reminder is logged this often. */
  public static final Duration STILL_FAILING_EVERY = Duration.ofMinutes(1);

  /** How long a loop sleeps after a failed pass. */
  static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

  /** The body: does one round of work and returns how long it may sleep before the next. */
  @FunctionalInterface
  public interface Body {
    Duration runOnce() throws Exception;
  }

  private final String name;
  private final Body body;
  private final Duration maxIdle;
  private final InstantSource clock;
  // touched only by the loop's own thread (or a test calling runPass)
  private int failedPasses;
  private Instant failingSince;
  private Instant lastLogged;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private boolean woken;
  private volatile boolean running;
  private Thread thread;

  public BackgroundLoop(String name, Duration maxIdle, Body body) {
    this(name, maxIdle, body, InstantSource.system());
  }

  public BackgroundLoop(String name, Duration maxIdle, Body body, InstantSource clock) {
    this.name = requireNonNull(name, "name is null");
    this.maxIdle = requireNonNull(maxIdle, "maxIdle is null");
    this.body = requireNonNull(body, "body is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().daemon().name("backbeat-" + name).start(this::loop);
  }

  public void wake() {
    lock.lock();
    try {
      woken = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public synchronized void stop() {
    running = false;
    wake();
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    while (running) {
      await(runPass());
    }
  }

  /** One pass of the body, its failure logged as the class comment says; returns how long to sleep. */
  Duration runPass() {
    Duration asked;
    try {
      asked = body.runOnce();
    } catch (Throwable e) {
      failed(e);
      return AFTER_FAILURE;
    }
    if (failedPasses > 0) {
      LOG.info("Loop {} recovered after {} failed passes in {} s.", name, failedPasses, secondsSince(failingSince));
      failedPasses = 0;
    }
    return asked != null && asked.compareTo(maxIdle) < 0 ? asked : maxIdle;
  }

  private void failed(Throwable e) {
    Instant now = clock.instant();
    failedPasses++;
    if (failedPasses == 1) {
      failingSince = now;
      lastLogged = now;
      LOG.error("Loop {} failed; it keeps running and says so again at most once a minute until it recovers.", name, e);
    } else if (!now.isBefore(lastLogged.plus(STILL_FAILING_EVERY))) {
      lastLogged = now;
      LOG.warn("Loop {} still failing: {} failed passes in {} s, the last with {}", name, failedPasses, secondsSince(failingSince), e.toString());
    }
  }

  private long secondsSince(Instant start) {
    return Duration.between(start, clock.instant()).toSeconds();
  }

  private void await(Duration sleep) {
    lock.lock();
    try {
      long nanos = sleep.toNanos();
      while (!woken && running && nanos > 0) {
        nanos = wakeUp.awaitNanos(nanos);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }
}
