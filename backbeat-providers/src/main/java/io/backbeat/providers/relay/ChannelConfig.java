package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.http.ChannelRateLimitInterceptor;
import io.backbeat.core.task.TaskKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One upstream channel as the operator configured it: which upstream, its credentials, what it
 * serves and how it is preferred. Credentials are {@link Secret}s: they never print.
 *
 * @param baseUrl the upstream's API root up to its version; with no path, the official one is
 *     appended ({@code /api/v1} for sunoapi and DashScope, {@code /suno} for AnyInt, {@code /v1} for Kling)
 * @param apiKey the bearer key (sunoapi, anyint-suno, dashscope)
 * @param accessKey Kling's access key (the JWT issuer)
 * @param secretKey Kling's secret key (signs the JWT)
 * @param callbackSecret keys the per-task tokens in our callback URLs; null derives one from the credentials
 * @param kinds what the channel serves (a subset of its type's kinds)
 * @param models the models it serves; empty for every model its type knows
 * @param priority higher first; equal priorities share the tasks by {@code weight}
 * @param rate requests per second to this upstream account (submits and polls), or null for none
 * @param concurrency most tasks the upstream holds for us at once, or 0 for no limit
 * @param timeout of one upstream call
 * @param pollInitial the first poll after a submit; polls slow down with the task's age …
 * @param pollMax … up to this interval
 * @param horizon how long a task may wait on this upstream (unanswered submit, unfinished job)
 *     before it fails with a clear reason
 * @param reconcileGrace how long after a lost submit answer the upstream's own records must show
 *     the job before "not there" counts as proof that it never arrived
 * @param callbacks whether to give the upstream our callback URL (Kling); Suno always gets one
 * @param maxAssetBytes the largest output file re-hosted
 */
public record ChannelConfig(
    String name,
    ChannelType type,
    String baseUrl,
    Secret apiKey,
    Secret accessKey,
    Secret secretKey,
    Secret callbackSecret,
    Set<TaskKind> kinds,
    Set<String> models,
    int priority,
    int weight,
    ChannelRateLimitInterceptor.Rate rate,
    int concurrency,
    Duration timeout,
    Duration pollInitial,
    Duration pollMax,
    Duration horizon,
    Duration reconcileGrace,
    boolean callbacks,
    long maxAssetBytes) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public ChannelConfig {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("channel name '" + name + "' must be lowercase letters, digits, '-' or '_' (at most 63)");
    }
    kinds = kinds == null || kinds.isEmpty() ? type.kinds() : Set.copyOf(kinds);
    if (!type.kinds().containsAll(kinds)) {
      Set<TaskKind> extra = EnumSet.copyOf(kinds);
      extra.removeAll(type.kinds());
      throw new IllegalArgumentException("channel " + name + ": a " + type.configName() + " channel cannot serve " + extra);
    }
    models = models == null ? Set.of() : Set.copyOf(models);
    if (weight < 1) {
      throw new IllegalArgumentException("channel " + name + ": weight must be at least 1");
    }
    if (concurrency < 0) {
      throw new IllegalArgumentException("channel " + name + ": concurrency must not be negative");
    }
    requireNonNull(timeout, "timeout is null");
    requireNonNull(pollInitial, "pollInitial is null");
    requireNonNull(pollMax, "pollMax is null");
    requireNonNull(horizon, "horizon is null");
    requireNonNull(reconcileGrace, "reconcileGrace is null");
    if (pollMax.compareTo(pollInitial) < 0) {
      throw new IllegalArgumentException("channel " + name + ": poll.max must not be shorter than poll.initial");
    }
    if (type.isRelay()) {
      requireNonNull(baseUrl, "channel " + name + ": baseUrl is required for a " + type.configName() + " channel");
      URI uri = URI.create(baseUrl);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("channel " + name + ": baseUrl must be an absolute http(s) URL");
      }
      if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
        throw new IllegalArgumentException("channel " + name + ": baseUrl must not hold credentials or a query; put the key in apiKey");
      }
    }
  }

  /** Defaults for everything but what names the channel; tests and the config loader start here. */
  public static ChannelConfig of(String name, ChannelType type, String baseUrl) {
    return new ChannelConfig(
        name, type, baseUrl, null, null, null, null, Set.of(), Set.of(), 0, 1, null, 0, Duration.ofSeconds(30),
        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(60), true, 512L * 1024 * 1024);
  }

  /** The credential fields this channel's type needs and the config did not give, for the start-up report. */
  public List<String> missingCredentials() {
    List<String> missing = new ArrayList<>();
    switch (type) {
      case SUNOAPI, ANYINT_SUNO, DASHSCOPE -> {
        if (apiKey == null) missing.add("apiKey");
      }
      case KLING -> {
        if (accessKey == null) missing.add("accessKey");
        if (secretKey == null) missing.add("secretKey");
      }
      case LOCAL -> {}
    }
    return missing;
  }

  /** The API root requests go to: the configured base URL, with the official version path if it had none. */
  public String apiRoot() {
    String base = baseUrl.replaceAll("/+$", "");
    String path = URI.create(base).getRawPath();
    if (path != null && !path.isEmpty()) {
      return base;
    }
    return base + switch (type) {
      case SUNOAPI, DASHSCOPE -> "/api/v1";
      case ANYINT_SUNO -> "/suno";
      case KLING -> "/v1";
      case LOCAL -> "";
    };
  }

  /** Whether this channel serves a task of {@code kind} and {@code model} (null: the kind has none). */
  public boolean serves(TaskKind kind, String model) {
    if (!kinds.contains(kind)) {
      return false;
    }
    return models.isEmpty() || model == null || models.contains(model) || models.contains(model.toLowerCase(Locale.ROOT));
  }

  public ChannelConfig withApiKey(Secret key) {
    return new ChannelConfig(name, type, baseUrl, key, accessKey, secretKey, callbackSecret, kinds, models, priority, weight, rate,
        concurrency, timeout, pollInitial, pollMax, horizon, reconcileGrace, callbacks, maxAssetBytes);
  }

  public ChannelConfig withKlingKeys(Secret access, Secret secret) {
    return new ChannelConfig(name, type, baseUrl, apiKey, access, secret, callbackSecret, kinds, models, priority, weight, rate,
        concurrency, timeout, pollInitial, pollMax, horizon, reconcileGrace, callbacks, maxAssetBytes);
  }

  public ChannelConfig withRouting(Set<TaskKind> kinds, Set<String> models, int priority, int weight) {
    return new ChannelConfig(name, type, baseUrl, apiKey, accessKey, secretKey, callbackSecret, kinds, models, priority, weight, rate,
        concurrency, timeout, pollInitial, pollMax, horizon, reconcileGrace, callbacks, maxAssetBytes);
  }

  public ChannelConfig withLimits(ChannelRateLimitInterceptor.Rate rate, int concurrency, Duration timeout) {
    return new ChannelConfig(name, type, baseUrl, apiKey, accessKey, secretKey, callbackSecret, kinds, models, priority, weight, rate,
        concurrency, timeout, pollInitial, pollMax, horizon, reconcileGrace, callbacks, maxAssetBytes);
  }

  public ChannelConfig withTiming(Duration pollInitial, Duration pollMax, Duration horizon, Duration reconcileGrace) {
    return new ChannelConfig(name, type, baseUrl, apiKey, accessKey, secretKey, callbackSecret, kinds, models, priority, weight, rate,
        concurrency, timeout, pollInitial, pollMax, horizon, reconcileGrace, callbacks, maxAssetBytes);
  }

  public ChannelConfig withCallbacks(boolean callbacks, Secret callbackSecret) {
    return new ChannelConfig(name, type, baseUrl, apiKey, accessKey, secretKey, callbackSecret, kinds, models, priority, weight, rate,
        concurrency, timeout, pollInitial, pollMax, horizon, reconcileGrace, callbacks, maxAssetBytes);
  }

  public ChannelConfig withMaxAssetBytes(long bytes) {
    return new ChannelConfig(name, type, baseUrl, apiKey, accessKey, secretKey, callbackSecret, kinds, models, priority, weight, rate,
        concurrency, timeout, pollInitial, pollMax, horizon, reconcileGrace, callbacks, bytes);
  }
}
