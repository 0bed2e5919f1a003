package io.backbeat.core.loop;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@code runOnce} body until stopped. The body never kills the loop: a throw is logged and the
 * loop keeps running. {@link #wake()} cuts the wait short (a new task was inserted, say). Tests do
 * not start loops; they call the body's {@code runOnce()} directly.
 */
public final class BackgroundLoop {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

  /** The body: does one round of work and returns how long it may sleep before the next. */
  @FunctionalInterface
  public interface Body {
    Duration runOnce() throws Exception;
  }

  private final String name;
  private final Body body;
  private final Duration maxIdle;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private boolean woken;
  private volatile boolean running;
  private Thread thread;

  public BackgroundLoop(String name, Duration maxIdle, Body body) {
    this.name = requireNonNull(name, "name is null");
    this.maxIdle = requireNonNull(maxIdle, "maxIdle is null");
    this.body = requireNonNull(body, "body is null");
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
      Duration sleep = maxIdle;
      try {
        Duration asked = body.runOnce();
        if (asked != null && asked.compareTo(maxIdle) < 0) {
          sleep = asked;
        }
      } catch (Throwable e) {
        LOG.error("Unhandled exception in loop {}. Will keep running.", name, e);
        sleep = Duration.ofSeconds(1);
      }
      await(sleep);
    }
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
