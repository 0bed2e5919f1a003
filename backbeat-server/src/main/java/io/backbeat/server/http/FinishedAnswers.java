package io.backbeat.server.http;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.TaskVersion;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rendered answers of one query route to finished tasks. A finished task's answer changes only
 * when its {@link TaskVersion} does (retention's payload purge), so a poll that reads the same
 * version answers the bytes rendered last time instead of reading the row's JSON and rendering it
 * again. Unfinished tasks are never remembered: their answers change with every step.
 *
 * <p>Lock-free (a concurrent map): polls of one task by many clients never queue on each other, nor
 * on writers. Memory is bounded by {@link #MAX_BYTES}; past it the map is emptied, which costs one
 * rendering per task polled again.
 */
public final class FinishedAnswers {
  /** Several thousand typical answers (a lyrics answer is about 2 KB). */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private record Answer(TaskVersion version, byte[] body) {}

  private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final long maxBytes;

  public FinishedAnswers() {
    this(MAX_BYTES);
  }

  FinishedAnswers(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The answer rendered for exactly this version of the task, or null. */
  public byte[] find(TaskVersion version) {
    Answer answer = answers.get(version.id());
    return answer != null && answer.version().equals(version) ? answer.body() : null;
  }

  /**
   * Remembers {@code body} as the answer for {@code version} if the task had finished then. The
   * body must have been rendered from a read made after {@code version} was read: it is then never
   * older than the version it is filed under (a newer one only costs a miss).
   */
  public void remember(TaskVersion version, byte[] body) {
    requireNonNull(body, "body is null");
    if (!version.status().isTerminal()) {
      return;
    }
    if (bytes.addAndGet(body.length) > maxBytes) {
      answers.clear();
      bytes.set(body.length);
    }
    Answer previous = answers.put(version.id(), new Answer(version, body));
    if (previous != null) {
      bytes.addAndGet(-previous.body().length);
    }
  }

  /** How many answers are remembered (tests). */
  int size() {
    return answers.size();
  }
}
