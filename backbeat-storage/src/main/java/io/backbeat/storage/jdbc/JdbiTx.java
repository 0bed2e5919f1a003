package io.backbeat.storage.jdbc;

import io.backbeat.core.store.Tx;
import org.jdbi.v3.core.Handle;

/** The stores bound to one handle, and so to its one open transaction. */
record JdbiTx(
    JdbiTaskStore tasks,
    JdbiTaskEventStore events,
    JdbiWebhookStore webhooks,
    JdbiAccountStore accounts,
    JdbiLedgerStore ledger,
    JdbiIdempotencyStore idempotency,
    JdbiUpstreamCallbackStore upstreamCallbacks,
    JdbiTaskReferenceStore taskReferences,
    JdbiAccessKeyStore accessKeys,
    JdbiPersonaStore personas,
    JdbiRateLimitStore rateLimits)
    implements Tx {

  static JdbiTx on(Handle handle, SqlFiles sql) {
    return new JdbiTx(
        new JdbiTaskStore(handle, sql),
        new JdbiTaskEventStore(handle, sql),
        new JdbiWebhookStore(handle, sql),
        new JdbiAccountStore(handle, sql),
        new JdbiLedgerStore(handle, sql),
        new JdbiIdempotencyStore(handle, sql),
        new JdbiUpstreamCallbackStore(handle, sql),
        new JdbiTaskReferenceStore(handle, sql),
        new JdbiAccessKeyStore(handle, sql),
        new JdbiPersonaStore(handle, sql),
        new JdbiRateLimitStore(handle, sql));
  }
}
