package io.backbeat.server.config;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.queue.DispatcherConfig;
import io.backbeat.core.webhook.RetrySchedule;
import io.backbeat.core.billing.PriceTable;
import io.backbeat.server.http.RateLimits;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/**
 * Everything the server is configured with, one record per concern. {@code runWorkers} false makes
 * a node that only serves the API, leaving the tasks to other nodes on the same database. Built by {@link ConfigLoader}
 * from built-in defaults, an optional YAML file and {@code BACKBEAT_*} environment variables.
 */
public record BackbeatConfig(
    ServerConfig server,
    StorageConfig storage,
    WebhookConfig webhooks,
    EgressConfig egress,
    DispatcherConfig workers,
    boolean runWorkers,
    EngineConfig engine,
    PolicyConfig policy,
    RetentionConfig retention,
    ChannelsConfig channels) {

  public BackbeatConfig {
    requireNonNull(server, "server is null");
    requireNonNull(storage, "storage is null");
    requireNonNull(webhooks, "webhooks is null");
    requireNonNull(egress, "egress is null");
    requireNonNull(workers, "workers is null");
    requireNonNull(engine, "engine is null");
    requireNonNull(policy, "policy is null");
    requireNonNull(retention, "retention is null");
    requireNonNull(channels, "channels is null");
  }

  /** The same settings with other upstream channels (tests, the {@code channels} command). */
  public BackbeatConfig withChannels(ChannelsConfig channels) {
    return new BackbeatConfig(server, storage, webhooks, egress, workers, runWorkers, engine, policy, retention, channels);
  }

  /**
   * @param host the address to listen on
   * @param publicUrl base of the URLs handed to clients (asset links); null = {@code http://localhost:<port>}
   */
  public record ServerConfig(String host, int port, String publicUrl) {}

  /**
   * @param dataDir where the SQLite file and the asset folder live by default
   * @param databaseUrl JDBC URL (SQLite file by default; {@code jdbc:postgresql://…} for PostgreSQL)
   */
  public record StorageConfig(Path dataDir, String databaseUrl, Path assetsDir, S3Config s3) {
    /** Assets in a local folder. */
    public StorageConfig(Path dataDir, String databaseUrl, Path assetsDir) {
      this(dataDir, databaseUrl, assetsDir, null);
    }
  }

  /**
   * Assets in an S3 bucket ({@code BACKBEAT_ASSETS=s3://bucket/prefix}).
   *
   * @param endpoint an S3-compatible server's URL; null = AWS for {@code region}
   * @param accessKeyId with {@code secretAccessKey}: static credentials; null = the AWS SDK's default
   *     chain (environment, profile, instance or task role)
   * @param presign how long a presigned URL {@code /assets} redirects to stays valid; null = stream
   *     every asset through the gateway
   */
  public record S3Config(
      String bucket, String prefix, java.net.URI endpoint, String region, boolean pathStyle,
      String accessKeyId, String secretAccessKey, Duration presign) {
    @Override
    public String toString() {
      // never the secret: configs end up in logs
      return "S3Config[s3://" + bucket + "/" + prefix + ", endpoint=" + endpoint + ", region=" + region
          + ", pathStyle=" + pathStyle + ", accessKeyId=" + (accessKeyId != null ? "set" : "default chain")
          + ", presign=" + presign + "]";
    }
  }

  public record WebhookConfig(RetrySchedule retrySchedule, Duration timeout) {}

  /**
   * @param allowPrivate let callbacks and downloads reach loopback/private addresses (development, tests)
   * @param allowAddresses internal IP addresses and CIDR blocks reachable even when {@code allowPrivate}
   *     is off (a storage server on the private network)
   */
  public record EgressConfig(boolean allowPrivate, List<String> allowAddresses) {
    public EgressConfig {
      allowAddresses = List.copyOf(allowAddresses);
    }

    public EgressConfig(boolean allowPrivate) {
      this(allowPrivate, List.of());
    }
  }

  /**
   * @param prices credits per task kind (and model) for metered accounts
   * @param rateLimits per-key create and poll limits
   * @param blockedTerms words and phrases refused in prompts, lyrics, titles, styles and outputs
   */
  public record PolicyConfig(PriceTable prices, RateLimits rateLimits, List<String> blockedTerms) {
    public PolicyConfig {
      blockedTerms = List.copyOf(blockedTerms);
    }
  }

  /**
   * @param payloads how long a finished task keeps its request, payload and result
   * @param assets how long a finished task's output files are kept
   * @param idempotencyKeys how long an Idempotency-Key is remembered (at least 24 h)
   */
  public record RetentionConfig(Duration payloads, Duration assets, Duration idempotencyKeys) {}

  /** @param soundFont a GM SoundFont (.sf2) for the local engine; null = the JDK's built-in bank */
  public record EngineConfig(Path soundFont) {}
}
