package io.backbeat.core.asset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Durable storage of output files. Keys are task-scoped and deterministic ({@code <taskId>/<file>}),
 * so a re-run of the same task overwrites instead of piling up copies.
 */
public interface AssetStore {

  /** Stores the file at {@code source} (moved or copied) under {@code key}. */
  StoredAsset put(String key, Path source, String contentType) throws IOException;

  StoredAsset put(String key, byte[] bytes, String contentType) throws IOException;

  Optional<StoredAsset> find(String key) throws IOException;

  /** Opens the asset positioned at {@code offset}. */
  InputStream open(String key, long offset) throws IOException;

  /**
   * Opens {@code length} bytes from {@code offset}; the stream may run past them, so callers read
   * only {@code length}. Remote stores override this to fetch only the range asked for.
   */
  default InputStream open(String key, long offset, long length) throws IOException {
    return open(key, offset);
  }

  /** Deletes every asset under {@code <taskId>/}; returns how many were removed. */
  int deleteTask(String taskId) throws IOException;
}
