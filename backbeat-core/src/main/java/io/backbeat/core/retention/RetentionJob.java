package io.backbeat.core.retention;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.Task;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets what is past its retention: expired idempotency keys, full rate-limit buckets, the output
 * files of tasks finished longer than {@code assetTtl} ago, and the request/payload/result of tasks finished longer than
 * {@code payloadTtl} ago (the task row itself stays, so its id still answers with its final status).
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private static final int PAGE = 100;

  private final Transactor transactor;
  private final AssetStore assets;
  private final InstantSource clock;
  private final Duration payloadTtl;
  private final Duration assetTtl;

  public RetentionJob(Transactor transactor, AssetStore assets, InstantSource clock, Duration payloadTtl, Duration assetTtl) {
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.assets = requireNonNull(assets, "assets is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.payloadTtl = requireNonNull(payloadTtl, "payloadTtl is null");
    this.assetTtl = requireNonNull(assetTtl, "assetTtl is null");
  }

  /** One round; returns the wait before the next (shorter while a backlog remains). */
  public Duration runOnce() throws IOException {
    Instant now = clock.instant();
    int keys = transactor.inTransaction(tx -> tx.idempotency().deleteExpired(now));
    transactor.inTransaction(tx -> tx.rateLimits().deleteFull(now)); // a full bucket is as good as none
    List<Task> expired = transactor.inTransaction(tx -> tx.tasks().finishedWithAssetsBefore(now.minus(assetTtl), PAGE));
    int files = 0;
    for (Task task : expired) {
      files += assets.deleteTask(task.id()); // files first: a crash here only repeats the delete
      transactor.useTransaction(tx -> tx.tasks().markAssetsPurged(task.id(), now));
    }
    int payloads = transactor.inTransaction(tx -> tx.tasks().purgePayloads(now.minus(payloadTtl), now));
    if (keys + expired.size() + payloads > 0) {
      LOG.info("Retention: {} idempotency keys, assets of {} tasks ({} files), payloads of {} tasks removed", keys, expired.size(), files, payloads);
    }
    return expired.size() == PAGE ? Duration.ZERO : Duration.ofMinutes(10);
  }
}
