package io.backbeat.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.http.ChannelRateLimitInterceptor;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.webhook.RetrySchedule;
import io.backbeat.providers.relay.ChannelConfig;
import io.backbeat.providers.relay.ChannelType;
import io.backbeat.providers.relay.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code channels:} list of the config file. String values may hold {@code ${VAR}} (or
 * {@code ${VAR:-default}}), expanded from the environment. Credentials come only from the
 * environment ({@code apiKey: ${SUNO_API_KEY}}) or from a file ({@code apiKeyFile:
 * /run/secrets/suno}): a key written literally in the config is refused, so a config file can be
 * shared and committed. A channel whose credentials are missing is skipped and reported, never used
 * with an empty key; a channel that is wrong in any other way (unknown type, bad URL, a kind its
 * type cannot serve) stops the start-up.
 */
final class ChannelConfigs {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
  private static final Set<String> KEYS =
      Set.of(
          "name", "type", "baseUrl", "apiKey", "apiKeyFile", "accessKey", "accessKeyFile", "secretKey", "secretKeyFile", "callbackSecret",
          "callbackSecretFile", "kinds", "models", "priority", "weight", "rateLimit", "concurrency", "timeout", "poll", "horizon",
          "reconcileGrace", "callbacks", "maxAssetBytes");

  private final Map<String, String> env;
  private final Path workingDir;

  ChannelConfigs(Map<String, String> env, Path workingDir) {
    this.env = env;
    this.workingDir = workingDir;
  }

  ChannelsConfig read(JsonNode list) {
    if (list == null || list.isNull()) {
      return ChannelsConfig.NONE;
    }
    if (!list.isArray()) {
      throw new ConfigException("channels must be a list of channels (- name: …, type: …)");
    }
    List<ChannelConfig> usable = new ArrayList<>();
    List<ChannelsConfig.Skipped> skipped = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode node : list) {
      String position = "channels[" + index++ + "]";
      if (!node.isObject()) {
        throw new ConfigException(position + " must be a map with name, type, baseUrl, …");
      }
      node.fieldNames().forEachRemaining(key -> {
        if (!KEYS.contains(key)) {
          throw new ConfigException(position + ": unknown key '" + key + "' (known: " + new java.util.TreeSet<>(KEYS) + ")");
        }
      });
      String where = position;
      String name = text(node, "name", where);
      if (name == null) {
        throw new ConfigException(where + ": name is required");
      }
      where = "channel " + name;
      if (!names.add(name)) {
        throw new ConfigException("two channels are named " + name);
      }
      String typeName = text(node, "type", where);
      ChannelType type =
          ChannelType.fromConfig(typeName)
              .orElseThrow(() -> new ConfigException("channel " + name + ": type must be one of sunoapi, anyint-suno, dashscope, kling, local, not '"
                  + typeName + "'"));
      ChannelConfig channel;
      try {
        channel = ChannelConfig.of(name, type, type.isRelay() ? text(node, "baseUrl", where) : null);
        channel =
            channel
                .withApiKey(secret(node, "apiKey", where))
                .withKlingKeys(secret(node, "accessKey", where), secret(node, "secretKey", where))
                .withCallbacks(bool(node, "callbacks", true, where), secret(node, "callbackSecret", where))
                .withRouting(kinds(node, where), models(node, where), integer(node, "priority", 0, where), integer(node, "weight", 1, where))
                .withLimits(rate(node.get("rateLimit"), where), integer(node, "concurrency", 0, where), duration(node, "timeout", channel.timeout(), where))
                .withTiming(
                    duration(node.path("poll"), "initial", channel.pollInitial(), where + " poll"),
                    duration(node.path("poll"), "max", channel.pollMax(), where + " poll"),
                    duration(node, "horizon", channel.horizon(), where),
                    duration(node, "reconcileGrace", channel.reconcileGrace(), where));
        if (node.has("maxAssetBytes")) {
          channel = channel.withMaxAssetBytes(node.get("maxAssetBytes").asLong());
        }
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new ConfigException(e.getMessage());
      }
      List<String> missing = channel.missingCredentials();
      if (!missing.isEmpty()) {
        skipped.add(new ChannelsConfig.Skipped(name, type.configName(), "missing " + String.join(", ", missing)
            + " (set the environment variable it names, or point " + missing.get(0) + "File to a file)"));
      } else {
        usable.add(channel);
      }
    }
    return new ChannelsConfig(true, usable, skipped);
  }

  /**
   * A credential: {@code <field>: ${VAR}} or {@code <field>File: path}. A literal value is refused.
   * Null when absent or empty (reported as missing by the caller).
   */
  private Secret secret(JsonNode node, String field, String where) {
    JsonNode inline = node.get(field);
    JsonNode file = node.get(field + "File");
    if (inline != null && file != null) {
      throw new ConfigException(where + ": give either " + field + " or " + field + "File, not both");
    }
    if (inline != null && !inline.isNull()) {
      String raw = inline.asText();
      if (!raw.isBlank() && !VARIABLE.matcher(raw.strip()).matches()) {
        // the message never repeats the value
        throw new ConfigException(where + ": " + field + " must come from the environment (" + field + ": ${SOME_VAR}) or a file ("
            + field + "File: /path), not be written in the config file");
      }
      return Secret.ofNullable(expand(raw));
    }
    if (file != null && !file.isNull()) {
      Path path = workingDir.resolve(expand(file.asText())).normalize();
      if (!Files.isRegularFile(path)) {
        return null;
      }
      try {
        return Secret.ofNullable(Files.readString(path));
      } catch (IOException e) {
        throw new ConfigException(where + ": cannot read " + field + "File " + path + ": " + e.getMessage());
      }
    }
    return null;
  }

  private String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isContainerNode()) {
      throw new ConfigException(where + ": " + field + " must be a single value");
    }
    String text = expand(value.asText()).strip();
    return text.isEmpty() ? null : text;
  }

  /** {@code ${VAR}} and {@code ${VAR:-default}} from the environment; an unset variable is empty. */
  String expand(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String found = env.get(m.group(1));
      String replacement = found != null && !found.isEmpty() ? found : m.group(3) != null ? m.group(3) : "";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Set<TaskKind> kinds(JsonNode node, String where) {
    Set<TaskKind> kinds = EnumSet.noneOf(TaskKind.class);
    for (String value : list(node, "kinds", where)) {
      try {
        kinds.add(TaskKind.valueOf(value.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": unknown kind '" + value + "' (known: " + EnumSet.allOf(TaskKind.class) + ")");
      }
    }
    return kinds;
  }

  private Set<String> models(JsonNode node, String where) {
    return new LinkedHashSet<>(list(node, "models", where));
  }

  private List<String> list(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    List<String> values = new ArrayList<>();
    if (value == null || value.isNull()) {
      return values;
    }
    if (value.isArray()) {
      value.forEach(v -> values.add(expand(v.asText()).strip()));
    } else {
      for (String part : expand(value.asText()).split(",")) {
        if (!part.isBlank()) values.add(part.strip());
      }
    }
    return values;
  }

  private int integer(JsonNode node, String field, int fallback, String where) {
    String text = text(node, field, where);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(where + ": " + field + " must be a whole number, not '" + text + "'");
    }
  }

  private boolean bool(JsonNode node, String field, boolean fallback, String where) {
    String text = text(node, field, where);
    if (text == null) {
      return fallback;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(where + ": " + field + " must be true or false, not '" + text + "'");
    };
  }

  private Duration duration(JsonNode node, String field, Duration fallback, String where) {
    String text = node == null || node.isMissingNode() ? null : text(node, field, where);
    if (text == null) {
      return fallback;
    }
    try {
      return RetrySchedule.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + field + ": " + e.getMessage());
    }
  }

  /** {@code rateLimit: {perSecond: 2, burst: 5}} or {@code rateLimit: {perMinute: 60}}. */
  private ChannelRateLimitInterceptor.Rate rate(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      if (node.has("perMinute")) {
        return ChannelRateLimitInterceptor.Rate.perMinute(Integer.parseInt(expand(node.get("perMinute").asText())));
      }
      double perSecond = Double.parseDouble(expand(node.path("perSecond").asText("")));
      int burst = node.has("burst") ? Integer.parseInt(expand(node.get("burst").asText())) : Math.max(1, (int) Math.ceil(perSecond));
      return ChannelRateLimitInterceptor.Rate.perSecond(perSecond, burst);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": rateLimit must look like {perSecond: 2, burst: 5} or {perMinute: 60}: " + e.getMessage());
    }
  }
}
