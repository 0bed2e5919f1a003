package io.backbeat.core.billing;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.store.Transactor;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;

/** Balances and top-ups. Holds, settlements and refunds happen inside TaskService's transactions. */
public final class CreditService {
  private final Transactor transactor;
  private final InstantSource clock;

  public CreditService(Transactor transactor, InstantSource clock) {
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Empty for an unmetered account. */
  public OptionalLong balance(String accountId) {
    return transactor.inTransaction(tx -> tx.ledger().balance(accountId));
  }

  /** Adds credits (and makes an unmetered account metered); returns the new balance. */
  public long topUp(String accountId, long amount) {
    if (amount <= 0) {
      throw BackbeatException.invalid("amount must be a positive number of credits");
    }
    return transactor.inTransaction(
        tx -> {
          if (tx.accounts().findAccount(accountId).isEmpty()) {
            throw BackbeatException.notFound("no account with id '" + accountId + "'");
          }
          return tx.ledger().topUp(accountId, amount, clock.instant());
        });
  }

  /** Makes the account metered with {@code amount} credits (zero allowed: metered and empty). */
  public long topUpOrMeter(String accountId, long amount) {
    if (amount < 0) {
      throw BackbeatException.invalid("credits must not be negative");
    }
    return transactor.inTransaction(tx -> tx.ledger().topUp(accountId, amount, clock.instant()));
  }

  public List<LedgerEntry> entries(String accountId, long beforeId, int limit) {
    return transactor.inTransaction(tx -> tx.ledger().entries(accountId, beforeId, limit));
  }

  /** What one task held, settled or refunded, oldest first; empty for unmetered accounts. */
  public List<LedgerEntry> entriesOfTask(String accountId, String taskId) {
    return transactor.inTransaction(tx -> tx.ledger().entriesOfTask(accountId, taskId));
  }
}
