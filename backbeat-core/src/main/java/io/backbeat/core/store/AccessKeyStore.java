package io.backbeat.core.store;

import io.backbeat.core.account.AccessKey;
import java.util.Optional;

/** Access keys with a shared signing secret (for clients that sign their own tokens, like Kling's). */
public interface AccessKeyStore {

  /** Throws {@link DuplicateKeyException} if the access key exists. */
  void insert(AccessKey key);

  /** The access key, if it and the API key it belongs to are live (not revoked). */
  Optional<AccessKey> findLive(String accessKey);
}
