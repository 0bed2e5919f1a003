package io.backbeat.server.http;

/**
 * Validates a callback URL when a task is created, so a URL that can never be delivered to is
 * refused up front with a clear message instead of failing silently later.
 */
@FunctionalInterface
public interface CallbackUrlCheck {

  /** Returns the URL to store, or throws a BackbeatException naming {@code field}. */
  String check(String field, String url);
}
