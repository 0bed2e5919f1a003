package io.backbeat.server.live;

import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.event.TaskListener;
import java.time.Duration;

/**
 * Wakes the server-sent-event streams when a task event is committed on this node. Streams read the
 * events themselves from the database (so a stream resumes from any {@code Last-Event-ID} and sees
 * events of other nodes after at most one idle interval); this only cuts the wait short.
 */
public final class LiveEvents implements TaskListener {
  private final Object monitor = new Object();
  private long version;

  @Override
  public void onEvent(TaskEvent event) {
    synchronized (monitor) {
      version++;
      monitor.notifyAll();
    }
  }

  /** An event was committed on another node (PostgreSQL LISTEN/NOTIFY): streams re-read now. */
  public void wake() {
    synchronized (monitor) {
      version++;
      monitor.notifyAll();
    }
  }

  /** The current version, to pass to {@link #awaitChange}. */
  public long version() {
    synchronized (monitor) {
      return version;
    }
  }

  /** Waits until an event arrives after {@code seen} or {@code timeout} passes. */
  public void awaitChange(long seen, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (version == seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        monitor.wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
