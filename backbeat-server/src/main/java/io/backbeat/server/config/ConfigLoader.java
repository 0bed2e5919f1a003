package io.backbeat.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.backbeat.core.queue.DispatcherConfig;
import io.backbeat.core.billing.PriceTable;
import io.backbeat.core.ratelimit.RateLimit;
import io.backbeat.core.webhook.RetrySchedule;
import io.backbeat.server.http.RateLimits;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves each setting as: environment variable, else YAML key, else default. The YAML file is
 * {@code BACKBEAT_CONFIG} if set, else {@code ./backbeat.yaml} if it exists. Every key is listed in
 * the README.
 */
public final class ConfigLoader {
  private final Map<String, String> env;
  private final JsonNode yaml;

  private ConfigLoader(Map<String, String> env, JsonNode yaml) {
    this.env = env;
    this.yaml = yaml;
  }

  public static BackbeatConfig load() {
    return load(System.getenv(), Path.of("."));
  }

  public static BackbeatConfig load(Map<String, String> env, Path workingDir) {
    String file = env.get("BACKBEAT_CONFIG");
    Path yamlPath = file != null && !file.isBlank() ? Path.of(file) : workingDir.resolve("backbeat.yaml");
    JsonNode yaml = null;
    if (Files.isRegularFile(yamlPath)) {
      try {
        yaml = new ObjectMapper(new YAMLFactory()).readTree(yamlPath.toFile());
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + yamlPath + ": " + e.getMessage());
      }
    } else if (file != null && !file.isBlank()) {
      throw new ConfigException("BACKBEAT_CONFIG points to " + yamlPath + ", which does not exist");
    }
    return new ConfigLoader(env, yaml).build(workingDir);
  }

  private BackbeatConfig build(Path workingDir) {
    int port = integer("BACKBEAT_PORT", "server.port", 8080);
    if (port < 0 || port > 65535) {
      throw new ConfigException("BACKBEAT_PORT must be between 0 and 65535, not " + port);
    }
    String host = string("BACKBEAT_HOST", "server.host", "0.0.0.0");
    String publicUrl = string("BACKBEAT_PUBLIC_URL", "server.publicUrl", null);
    if (publicUrl != null) {
      publicUrl = publicUrl.replaceAll("/+$", "");
    }

    Path dataDir = workingDir.resolve(string("BACKBEAT_DATA", "storage.data", "./data")).normalize();
    String dbUrl = string("BACKBEAT_DB_URL", "storage.databaseUrl", "jdbc:sqlite:" + dataDir.resolve("backbeat.db"));
    String assets = string("BACKBEAT_ASSETS", "storage.assets", null);
    BackbeatConfig.S3Config s3 = assets != null && assets.startsWith("s3://") ? s3(assets) : null;
    Path assetsDir = assets != null && s3 == null ? workingDir.resolve(assets).normalize() : dataDir.resolve("assets");

    RetrySchedule schedule =
        RetrySchedule.parse(string("BACKBEAT_WEBHOOK_RETRY_SCHEDULE", "webhooks.retrySchedule", "5s,5m,30m,2h,5h,10h,10h"));
    Duration webhookTimeout = duration("BACKBEAT_WEBHOOK_TIMEOUT", "webhooks.timeout", "15s");

    boolean allowPrivate = bool("BACKBEAT_EGRESS_ALLOW_PRIVATE", "egress.allowPrivate", false);

    DispatcherConfig workers =
        new DispatcherConfig(
            slots(),
            duration("BACKBEAT_LEASE", "workers.lease", "30s"),
            integer("BACKBEAT_MAX_ATTEMPTS", "workers.maxAttempts", DispatcherConfig.DEFAULT.maxAttempts()),
            duration("BACKBEAT_RETRY_BACKOFF", "workers.retryBackoff", "2s"));

    String soundFont = string("BACKBEAT_SOUNDFONT", "engine.soundFont", null);
    Path soundFontPath = soundFont != null ? workingDir.resolve(soundFont).normalize() : null;
    if (soundFontPath != null && !Files.isRegularFile(soundFontPath)) {
      throw new ConfigException("BACKBEAT_SOUNDFONT points to " + soundFontPath + ", which does not exist");
    }

    BackbeatConfig.PolicyConfig policy = new BackbeatConfig.PolicyConfig(prices(), rateLimits(), blockedTerms());

    Duration idempotency = duration("BACKBEAT_IDEMPOTENCY_TTL", "retention.idempotencyKeys", "24h");
    if (idempotency.compareTo(Duration.ofHours(24)) < 0) {
      throw new ConfigException("BACKBEAT_IDEMPOTENCY_TTL (retention.idempotencyKeys) must be at least 24h: clients retry for a day");
    }
    BackbeatConfig.RetentionConfig retention =
        new BackbeatConfig.RetentionConfig(
            duration("BACKBEAT_RETENTION_PAYLOADS", "retention.payloads", "30d"),
            duration("BACKBEAT_RETENTION_ASSETS", "retention.assets", "30d"),
            idempotency);

    return new BackbeatConfig(
        new BackbeatConfig.ServerConfig(host, port, publicUrl),
        new BackbeatConfig.StorageConfig(dataDir, dbUrl, assetsDir, s3),
        new BackbeatConfig.WebhookConfig(schedule, webhookTimeout),
        new BackbeatConfig.EgressConfig(allowPrivate, allowAddresses()),
        workers,
        bool("BACKBEAT_RUN_WORKERS", "workers.enabled", true),
        new BackbeatConfig.EngineConfig(soundFontPath),
        policy,
        retention,
        new ChannelConfigs(env, workingDir).read(yamlNode("channels")));
  }

  /**
   * {@code BACKBEAT_ASSETS=s3://bucket/prefix} with {@code BACKBEAT_S3_ENDPOINT}, {@code _REGION}
   * (else {@code AWS_REGION}), {@code _PATH_STYLE}, {@code _PRESIGN}; credentials from
   * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, else the AWS SDK's default chain.
   */
  private BackbeatConfig.S3Config s3(String location) {
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new ConfigException("BACKBEAT_ASSETS: '" + bucket + "' is not a valid S3 bucket name (s3://bucket/prefix)");
    }
    String endpoint = string("BACKBEAT_S3_ENDPOINT", "storage.s3.endpoint", null);
    java.net.URI endpointUri = null;
    if (endpoint != null) {
      try {
        endpointUri = java.net.URI.create(endpoint.replaceAll("/+$", ""));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("BACKBEAT_S3_ENDPOINT must be a URL, not '" + endpoint + "'");
      }
      if (!"http".equals(endpointUri.getScheme()) && !"https".equals(endpointUri.getScheme()) || endpointUri.getHost() == null) {
        throw new ConfigException("BACKBEAT_S3_ENDPOINT must be an http(s) URL, not '" + endpoint + "'");
      }
    }
    String region = string("BACKBEAT_S3_REGION", "storage.s3.region", env.getOrDefault("AWS_REGION", "us-east-1"));
    boolean pathStyle = bool("BACKBEAT_S3_PATH_STYLE", "storage.s3.pathStyle", false);
    String presign = string("BACKBEAT_S3_PRESIGN", "storage.s3.presign", null);
    Duration presignFor = presign != null ? duration("BACKBEAT_S3_PRESIGN", "storage.s3.presign", presign) : null;
    if (presignFor != null && (presignFor.isZero() || presignFor.isNegative() || presignFor.compareTo(Duration.ofDays(7)) > 0)) {
      throw new ConfigException("BACKBEAT_S3_PRESIGN must be between 1s and 7d (S3's limit), not " + presign);
    }
    String accessKey = env.get("AWS_ACCESS_KEY_ID");
    String secretKey = env.get("AWS_SECRET_ACCESS_KEY");
    if ((accessKey == null || accessKey.isBlank()) != (secretKey == null || secretKey.isBlank())) {
      throw new ConfigException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
    }
    if (accessKey != null && accessKey.isBlank() || env.get("AWS_SESSION_TOKEN") != null) {
      // temporary credentials: the SDK's default chain reads all three itself
      accessKey = null;
      secretKey = null;
    }
    return new BackbeatConfig.S3Config(bucket, prefix, endpointUri, region, pathStyle, accessKey, secretKey, presignFor);
  }

  /**
   * Steps run at once per provider: YAML {@code workers.slots: {local: 2, suno-main: 500}};
   * {@code BACKBEAT_WORKERS} (or YAML {@code workers.max}) sets the local studio's. Providers not
   * named keep their own default (the local studio: the core count, at least 2).
   */
  private Map<String, Integer> slots() {
    Map<String, Integer> slots = new java.util.TreeMap<>();
    JsonNode node = yamlNode("workers.slots");
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> slots.put(e.getKey(), slotCount("workers.slots." + e.getKey(), e.getValue().asText())));
    }
    String local = string("BACKBEAT_WORKERS", "workers.max", null);
    if (local != null) {
      slots.put("local", slotCount("BACKBEAT_WORKERS (workers.max)", local));
    }
    return slots;
  }

  private static int slotCount(String name, String value) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n < 1) {
        throw new ConfigException(name + " must be at least 1, not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, not '" + value + "'");
    }
  }

  /** {@code BACKBEAT_PRICES=SONG=10,SONG:V5=12,LYRICS=1}, or YAML {@code pricing: {SONG: 10}}; merged over the defaults. */
  private PriceTable prices() {
    Map<String, Long> prices = new java.util.TreeMap<>(PriceTable.DEFAULT.prices());
    JsonNode node = yamlNode("pricing");
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> prices.put(e.getKey(), priceValue(e.getKey(), e.getValue().asText())));
    }
    String env = this.env.get("BACKBEAT_PRICES");
    if (env != null && !env.isBlank()) {
      for (String pair : env.split(",")) {
        String[] kv = pair.split("=", 2);
        if (kv.length != 2) {
          throw new ConfigException("BACKBEAT_PRICES must look like SONG=10,LYRICS=1, not '" + pair + "'");
        }
        prices.put(kv[0].strip(), priceValue(kv[0].strip(), kv[1].strip()));
      }
    }
    try {
      return new PriceTable(prices);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("pricing: " + e.getMessage());
    }
  }

  private static long priceValue(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigException("price of " + key + " must be a whole number of credits, not '" + value + "'");
    }
  }

  /** {@code BACKBEAT_RATE_CREATE=100/20} (burst/per second), YAML {@code rateLimits.create.burst|perSecond}, and per key id. */
  private RateLimits rateLimits() {
    RateLimit create = rate("BACKBEAT_RATE_CREATE", "rateLimits.create", RateLimits.DEFAULT.create());
    RateLimit poll = rate("BACKBEAT_RATE_POLL", "rateLimits.poll", RateLimits.DEFAULT.poll());
    Map<String, RateLimits.Override> perKey = new java.util.HashMap<>();
    JsonNode keys = yamlNode("rateLimits.keys");
    if (keys != null && keys.isObject()) {
      keys.fields().forEachRemaining(e -> perKey.put(
          e.getKey(),
          new RateLimits.Override(rateNode(e.getValue().get("create"), "rateLimits.keys." + e.getKey() + ".create"),
              rateNode(e.getValue().get("poll"), "rateLimits.keys." + e.getKey() + ".poll"))));
    }
    return new RateLimits(create, poll, perKey);
  }

  private RateLimit rate(String envName, String yamlPath, RateLimit fallback) {
    String value = env.get(envName);
    if (value != null && !value.isBlank()) {
      String[] parts = value.split("/");
      try {
        return new RateLimit(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
      } catch (RuntimeException e) {
        throw new ConfigException(envName + " must look like 100/20 (burst/per second), not '" + value + "'");
      }
    }
    RateLimit fromYaml = rateNode(yamlNode(yamlPath), yamlPath);
    return fromYaml != null ? fromYaml : fallback;
  }

  private static RateLimit rateNode(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      return null;
    }
    try {
      return new RateLimit(node.path("burst").asDouble(), node.path("perSecond").asDouble());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(path + ": " + e.getMessage());
    }
  }

  /** {@code BACKBEAT_BLOCKED_TERMS=a,b c}, or YAML {@code moderation.blockedTerms: [a, "b c"]}. */
  /** {@code BACKBEAT_EGRESS_ALLOW_ADDRESSES=10.0.0.5,10.20.0.0/16}, or the YAML list {@code egress.allowAddresses}. */
  private List<String> allowAddresses() {
    List<String> entries = new java.util.ArrayList<>();
    JsonNode node = yamlNode("egress.allowAddresses");
    if (node != null && node.isArray()) {
      node.forEach(t -> entries.add(t.asText()));
    }
    String env = this.env.get("BACKBEAT_EGRESS_ALLOW_ADDRESSES");
    if (env != null && !env.isBlank()) {
      for (String t : env.split(",")) {
        if (!t.isBlank()) {
          entries.add(t.strip());
        }
      }
    }
    try {
      io.backbeat.core.http.AddressAllowList.parse(entries);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("BACKBEAT_EGRESS_ALLOW_ADDRESSES (egress.allowAddresses): " + e.getMessage());
    }
    return entries;
  }

  private List<String> blockedTerms() {
    List<String> terms = new java.util.ArrayList<>();
    JsonNode node = yamlNode("moderation.blockedTerms");
    if (node != null && node.isArray()) {
      node.forEach(t -> terms.add(t.asText()));
    }
    String env = this.env.get("BACKBEAT_BLOCKED_TERMS");
    if (env != null && !env.isBlank()) {
      for (String t : env.split(",")) {
        if (!t.isBlank()) {
          terms.add(t.strip());
        }
      }
    }
    return terms;
  }

  private String string(String envName, String yamlPath, String fallback) {
    String value = env.get(envName);
    if (value != null && !value.isBlank()) {
      return value.strip();
    }
    JsonNode node = yamlNode(yamlPath);
    if (node != null && !node.isNull() && !node.isContainerNode()) {
      return node.asText();
    }
    return fallback;
  }

  private int integer(String envName, String yamlPath, int fallback) {
    String value = string(envName, yamlPath, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(envName + " (" + yamlPath + ") must be a whole number, not '" + value + "'");
    }
  }

  private boolean bool(String envName, String yamlPath, boolean fallback) {
    String value = string(envName, yamlPath, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(envName + " (" + yamlPath + ") must be true or false, not '" + value + "'");
    };
  }

  private Duration duration(String envName, String yamlPath, String fallback) {
    String value = string(envName, yamlPath, fallback);
    try {
      return RetrySchedule.parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(envName + " (" + yamlPath + "): " + e.getMessage());
    }
  }

  private JsonNode yamlNode(String dottedPath) {
    if (yaml == null) {
      return null;
    }
    JsonNode node = yaml;
    for (String part : dottedPath.split("\\.")) {
      node = node.get(part);
      if (node == null) {
        return null;
      }
    }
    return node;
  }
}
