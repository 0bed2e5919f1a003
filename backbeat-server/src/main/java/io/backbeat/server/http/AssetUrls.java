package io.backbeat.server.http;

import java.util.function.Supplier;

/** Turns asset keys into the public URLs handed to clients. */
public final class AssetUrls {
  private final Supplier<String> baseUrl;

  public AssetUrls(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String url(String key) {
    return key == null ? null : baseUrl.get() + "/assets/" + key;
  }
}
