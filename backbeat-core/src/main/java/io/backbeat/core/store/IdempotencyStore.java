package io.backbeat.core.store;

import io.backbeat.core.idempotency.IdempotencyRecord;
import java.time.Instant;
import java.util.Optional;

/** Idempotency keys, unique per account + route + key. */
public interface IdempotencyStore {

  /** The live record (not expired at {@code now}). */
  Optional<IdempotencyRecord> find(String accountId, String route, String key, Instant now);

  /**
   * Inserts the record. Throws {@link DuplicateKeyException} when the key already exists (a
   * concurrent duplicate committed first); an expired record with the same key is replaced.
   */
  void insert(IdempotencyRecord record);

  /** Deletes records expired at {@code now}; returns how many. */
  int deleteExpired(Instant now);
}
