package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a streamed download received: its size, the declared {@code Content-Type}, and the SHA-256 of
 * exactly the bytes received (lower-case hex), for provenance and de-duplication.
 */
public record Download(long bytes, Optional<String> contentType, String sha256) {
  public Download {
    requireNonNull(contentType, "contentType is null");
    requireNonNull(sha256, "sha256 is null");
  }
}
