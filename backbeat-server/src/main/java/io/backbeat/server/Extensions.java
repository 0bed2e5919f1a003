package io.backbeat.server;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.provider.Provider;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.server.http.AssetUrls;
import io.backbeat.server.http.CallbackUrlCheck;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.TaskCreation;
import java.util.List;

/**
 * Providers and dialects added to the built-in ones by code that embeds Backbeat (and by tests):
 * providers are preferred over the built-in local studio for the kinds they serve; dialects are
 * registered beside the built-in ones, under their own path prefixes. Nothing in the core changes.
 */
public record Extensions(List<Provider> providers, List<DialectFactory> dialects) {
  public static final Extensions NONE = new Extensions(List.of(), List.of());

  public Extensions {
    providers = List.copyOf(providers);
    dialects = List.copyOf(dialects);
  }

  /** Builds a dialect once the services it uses exist. */
  @FunctionalInterface
  public interface DialectFactory {
    Dialect create(DialectServices services);
  }

  /** What a dialect may use: task reads, the shared create path, callback URL checks and asset URLs. */
  public record DialectServices(TaskService tasks, TaskCreation creation, CallbackUrlCheck callbackUrls, AssetUrls assetUrls) {
    public DialectServices {
      requireNonNull(tasks, "tasks is null");
      requireNonNull(creation, "creation is null");
      requireNonNull(callbackUrls, "callbackUrls is null");
      requireNonNull(assetUrls, "assetUrls is null");
    }
  }
}
