package io.backbeat.core.asset;

import java.time.Instant;

/** Metadata of a stored file. {@code etag} is derived from its content (SHA-256 prefix). */
public record StoredAsset(String key, long size, String contentType, String etag, Instant modifiedAt) {}
