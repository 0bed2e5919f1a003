package io.backbeat.core.store;

/** The stores, bound to one open transaction. */
public interface Tx {
  TaskStore tasks();

  TaskEventStore events();

  WebhookStore webhooks();

  AccountStore accounts();

  LedgerStore ledger();

  IdempotencyStore idempotency();

  UpstreamCallbackStore upstreamCallbacks();

  TaskReferenceStore taskReferences();

  AccessKeyStore accessKeys();

  PersonaStore personas();

  RateLimitStore rateLimits();
}
