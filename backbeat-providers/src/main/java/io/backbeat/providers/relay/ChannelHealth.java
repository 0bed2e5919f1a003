package io.backbeat.providers.relay;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this node has seen of one channel since it started: submits by outcome, polls, finished
 * tasks, latency of upstream calls and the last error (already redacted: egress messages never hold
 * a query string or a credential). Counters only; reads are lock-free and may be a moment apart.
 */
public final class ChannelHealth {
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong unknown = new AtomicLong();
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong pollFailures = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong callNanos = new AtomicLong();
  private final AtomicLong lastCallNanos = new AtomicLong();
  private final AtomicReference<Problem> lastError = new AtomicReference<>();

  record Problem(String message, Instant at) {}

  /**
   * One channel's health as shown to operators.
   *
   * @param successRate succeeded over finished tasks, or NaN before any finished
   * @param rateLimitedUntil when the channel takes requests again, or null when it does now
   * @param openTasks tasks the upstream holds for us now (all nodes)
   */
  public record Snapshot(
      String channel,
      String type,
      long submitsAccepted,
      long submitsRefused,
      long submitsRejected,
      long submitsUnknown,
      long polls,
      long pollFailures,
      long tasksSucceeded,
      long tasksFailed,
      double successRate,
      long calls,
      double averageLatencyMillis,
      double lastLatencyMillis,
      String lastError,
      Instant lastErrorAt,
      Instant rateLimitedUntil,
      long openTasks) {}

  void submitted(Submission outcome, long nanos, Instant at) {
    call(nanos);
    switch (outcome) {
      case Submission.Accepted a -> accepted.incrementAndGet();
      case Submission.Answered a -> accepted.incrementAndGet();
      case Submission.Refused r -> {
        refused.incrementAndGet();
        error(r.reason(), at);
      }
      case Submission.Rejected r -> {
        rejected.incrementAndGet();
        error(r.message(), at);
      }
      case Submission.Unknown u -> {
        unknown.incrementAndGet();
        error(u.reason(), at);
      }
    }
  }

  void polled(Progress outcome, long nanos, Instant at) {
    call(nanos);
    polls.incrementAndGet();
    if (outcome instanceof Progress.Unreachable u) {
      pollFailures.incrementAndGet();
      error(u.reason(), at);
    }
  }

  void finished(boolean success) {
    (success ? succeeded : failed).incrementAndGet();
  }

  void error(String message, Instant at) {
    lastError.set(new Problem(message, at));
  }

  void call(long nanos) {
    calls.incrementAndGet();
    callNanos.addAndGet(nanos);
    lastCallNanos.set(nanos);
  }

  Snapshot snapshot(ChannelConfig channel, Instant rateLimitedUntil, long openTasks) {
    long ok = succeeded.get();
    long bad = failed.get();
    long n = calls.get();
    Problem problem = lastError.get();
    return new Snapshot(
        channel.name(),
        channel.type().configName(),
        accepted.get(),
        refused.get(),
        rejected.get(),
        unknown.get(),
        polls.get(),
        pollFailures.get(),
        ok,
        bad,
        ok + bad == 0 ? Double.NaN : (double) ok / (ok + bad),
        n,
        n == 0 ? 0 : callNanos.get() / 1e6 / n,
        lastCallNanos.get() / 1e6,
        problem == null ? null : problem.message(),
        problem == null ? null : problem.at(),
        rateLimitedUntil,
        openTasks);
  }
}
