package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * An output file still on the upstream: where to fetch it, what to call it in our store, and where
 * its asset key goes in the canonical result once stored.
 *
 * @param baseName the file name without extension ({@code <clip id>}, {@code image-0})
 * @param defaultExtension used when neither the answer's content type nor the URL tells ({@code mp3})
 */
public record PendingAsset(String url, String baseName, String defaultExtension, Consumer<String> place) {
  public PendingAsset {
    requireNonNull(url, "url is null");
    requireNonNull(baseName, "baseName is null");
    requireNonNull(defaultExtension, "defaultExtension is null");
    requireNonNull(place, "place is null");
  }
}
