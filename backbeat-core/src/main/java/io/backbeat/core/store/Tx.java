package io.backbeat.core.store;

/** The stores, bound to one open transaction. */
public interface Tx {
  TaskStore tasks();

  TaskEventStore events();

  WebhookStore webhooks();

  AccountStore accounts();

  default LedgerStore ledger() {
    throw new UnsupportedOperationException("this storage has no credit ledger");
  }

  default IdempotencyStore idempotency() {
    throw new UnsupportedOperationException("this storage has no idempotency keys");
  }
}
