package io.backbeat.core.ratelimit;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.RateLimitStore;
import io.backbeat.core.store.Transactor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Token buckets kept in the database, so every node sharing it grants one key's limit once between
 * them, without a statement per request: a node takes a lease of up to {@link #leaseSize} tokens
 * from the shared bucket in one statement ({@link RateLimitStore#take}) and admits requests from it
 * until it is spent. A node only ever admits tokens the bucket gave it, so with N nodes a key gets
 * at most what one bucket grants plus the N × (lease − 1) tokens nodes may hold unspent. Those are
 * also the most a key can be short of its limit at any moment: a lease not spent within {@link
 * #LEASE_LIFETIME} goes back to the bucket in the node's next statement on it (and is dropped if no
 * request comes). After a refusal the node refuses locally until the bucket said a token comes back
 * (tokens another node hands back meanwhile wait for that). Each statement runs in its own short
 * transaction and at most one per bucket is in flight on a node (requests behind it wait for its
 * lease rather than issue their own); a database outage fails the request as any other database
 * call would (503, retry), and with it those queued behind its statement.
 */
public final class StoreRateLimiter implements RateLimiter {
  /** How long a node keeps leased tokens before handing unspent ones back. */
  public static final Duration LEASE_LIFETIME = Duration.ofSeconds(1);

  private final Transactor transactor;
  private final InstantSource clock;
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private volatile Instant nextSweep = Instant.MIN;

  public StoreRateLimiter(Transactor transactor, InstantSource clock) {
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Tokens one statement asks for: at most 5 % of the burst and 50 ms of the rate, at least one.
   * Small limits (a burst under 40, or under 40 a second) are therefore taken one token per
   * statement, exactly as before; large ones save the most statements.
   */
  public static long leaseSize(RateLimit limit) {
    double size = Math.min(limit.burst() * 0.05, limit.perSecond() * 0.05);
    return Math.max(1, (long) Math.floor(size));
  }

  @Override
  public Optional<Duration> tryAcquire(String bucketKey, RateLimit limit) {
    requireNonNull(bucketKey, "bucketKey is null");
    requireNonNull(limit, "limit is null");
    Optional<Duration> answer;
    while (true) {
      Lease lease = leases.computeIfAbsent(bucketKey, k -> new Lease());
      long failuresBefore = lease.failures;
      lease.lock.lock();
      try {
        if (lease.retired) {
          continue; // swept away while we waited for it; take the new one
        }
        if (lease.failures != failuresBefore) {
          // the statement we queued behind failed (database down): fail at once too, rather than
          // each queued request waiting out its own connection timeout in turn
          throw lease.lastFailure;
        }
        answer = acquire(bucketKey, limit, lease);
      } finally {
        lease.lock.unlock();
      }
      break;
    }
    sweepIfDue();
    return answer;
  }

  /** Under the lease's lock. */
  private Optional<Duration> acquire(String bucketKey, RateLimit limit, Lease lease) {
    Instant now = clock.instant();
    if (now.isBefore(lease.refusedUntil)) {
      return Optional.of(Duration.between(now, lease.refusedUntil));
    }
    if (lease.held > 0 && now.isBefore(lease.expires)) {
      lease.held--;
      return Optional.empty();
    }
    long giveBack = lease.held;
    lease.held = 0; // should the statement fail, what it held is lost: fewer admissions, never more
    RateLimitStore.Grant grant;
    try {
      grant = transactor.inTransaction(tx -> tx.rateLimits().take(bucketKey, limit, now, giveBack, leaseSize(limit)));
    } catch (RuntimeException e) {
      lease.lastFailure = e;
      lease.failures++;
      throw e;
    }
    if (grant.granted() == 0) {
      lease.refusedUntil = now.plus(grant.retryAfter());
      return Optional.of(grant.retryAfter());
    }
    lease.held = grant.granted() - 1;
    lease.expires = now.plus(LEASE_LIFETIME);
    if (lease.held == 0) {
      retire(bucketKey, lease); // nothing to remember: keeps one-token buckets (polls of one task) out of memory
    }
    return Optional.empty();
  }

  /** At most once a lease lifetime: forgets spent, expired and no longer refusing leases. */
  private void sweepIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextSweep)) {
      return;
    }
    nextSweep = now.plus(LEASE_LIFETIME);
    leases.forEach((key, lease) -> {
      if (lease.lock.tryLock()) { // a busy lease is in use, not idle
        try {
          boolean idle = lease.held == 0 || !now.isBefore(lease.expires);
          if (idle && !now.isBefore(lease.refusedUntil)) {
            retire(key, lease);
          }
        } finally {
          lease.lock.unlock();
        }
      }
    });
  }

  /** Under the lease's lock; whoever waits for it then sees {@code retired} and starts over. */
  private void retire(String bucketKey, Lease lease) {
    lease.retired = true;
    leases.remove(bucketKey, lease);
  }

  /** This node's share of one bucket; every field is guarded by {@code lock}. */
  private static final class Lease {
    final ReentrantLock lock = new ReentrantLock();
    /** Written under the lock, read before taking it too: how many statements on this lease failed. */
    volatile long failures;
    RuntimeException lastFailure;
    long held;
    Instant expires = Instant.MIN;
    Instant refusedUntil = Instant.MIN;
    boolean retired;
  }
}
