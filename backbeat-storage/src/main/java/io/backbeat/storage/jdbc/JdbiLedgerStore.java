package io.backbeat.storage.jdbc;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.billing.LedgerEntry;
import io.backbeat.core.store.LedgerStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Credit balances ({@code account.credit_balance}, null for an unmetered account) and the
 * {@code ledger_entry} rows that explain every change. Unique indexes allow one hold per task and
 * one settle or refund after it, so money moves at most once per task whatever races.
 */
public final class JdbiLedgerStore implements LedgerStore {
  private final Handle handle;
  private final SqlFiles sql;

  public JdbiLedgerStore(Handle handle, SqlFiles sql) {
    this.handle = requireNonNull(handle, "handle is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  @Override
  public OptionalLong balance(String accountId) {
    requireNonNull(accountId, "accountId is null");
    return meteredBalance(accountId).flatMap(balance -> balance).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  @Override
  public long topUp(String accountId, long amount, Instant now) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(now, "now is null");
    requireNotNegative(amount);
    long balance =
        handle
            .createQuery(sql.get(JdbiLedgerStore.class, "topUp"))
            .bind("accountId", accountId)
            .bind("amount", amount)
            .mapTo(Long.class)
            .findOne()
            .orElseThrow(() -> new IllegalArgumentException("no account with id '" + accountId + "'"));
    insertEntry(accountId, null, LedgerEntry.Kind.TOPUP, amount, balance, now);
    return balance;
  }

  /** @throws io.backbeat.core.store.DuplicateKeyException when the task already has a hold */
  @Override
  public boolean hold(String accountId, String taskId, long amount, Instant now) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(taskId, "taskId is null");
    requireNonNull(now, "now is null");
    requireNotNegative(amount);
    // most accounts are unmetered: one read settles it, and only a metered account is written
    Optional<Optional<Long>> metered = meteredBalance(accountId);
    if (metered.isEmpty()) {
      throw new IllegalArgumentException("no account with id '" + accountId + "'");
    }
    if (metered.get().isEmpty()) {
      return true; // unmetered accounts always pass
    }
    // the balance check and the debit are one statement: two holds cannot both spend the last credits
    Optional<Long> balance =
        handle
            .createQuery(sql.get(JdbiLedgerStore.class, "hold"))
            .bind("accountId", accountId)
            .bind("amount", amount)
            .mapTo(Long.class)
            .findOne();
    if (balance.isEmpty()) {
      return false; // metered, and the balance did not cover it
    }
    insertEntry(accountId, taskId, LedgerEntry.Kind.HOLD, amount, balance.get(), now);
    return true;
  }

  @Override
  public boolean settle(String taskId, Instant now) {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(now, "now is null");
    int rows =
        handle.createUpdate(sql.get(JdbiLedgerStore.class, "settle")).bind("taskId", taskId).bind("now", Rows.millis(now)).execute();
    return rows == 1;
  }

  /** @throws io.backbeat.core.store.DuplicateKeyException when a concurrent transaction closed the hold first */
  @Override
  public boolean refund(String taskId, Instant now) {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(now, "now is null");
    Optional<OpenHold> hold =
        handle
            .createQuery(sql.get(JdbiLedgerStore.class, "findOpenHold"))
            .bind("taskId", taskId)
            .map((rs, ctx) -> new OpenHold(rs.getString("account_id"), rs.getLong("amount")))
            .findOne();
    if (hold.isEmpty()) {
      return false;
    }
    long balance =
        handle
            .createQuery(sql.get(JdbiLedgerStore.class, "credit"))
            .bind("accountId", hold.get().accountId())
            .bind("amount", hold.get().amount())
            .mapTo(Long.class)
            .one();
    // a refund row that loses a race to another settle or refund fails here and rolls the credit back
    insertEntry(hold.get().accountId(), taskId, LedgerEntry.Kind.REFUND, hold.get().amount(), balance, now);
    return true;
  }

  @Override
  public List<LedgerEntry> entries(String accountId, long beforeId, int limit) {
    requireNonNull(accountId, "accountId is null");
    if (limit <= 0) {
      return List.of();
    }
    return handle
        .createQuery(sql.get(JdbiLedgerStore.class, "entries"))
        .bind("accountId", accountId)
        .bind("beforeId", beforeId <= 0 ? Long.MAX_VALUE : beforeId)
        .bind("max", limit)
        .map(Rows::ledgerEntry)
        .list();
  }

  @Override
  public List<LedgerEntry> entriesOfTask(String accountId, String taskId) {
    requireNonNull(accountId, "accountId is null");
    requireNonNull(taskId, "taskId is null");
    return handle
        .createQuery(sql.get(JdbiLedgerStore.class, "entriesOfTask"))
        .bind("accountId", accountId)
        .bind("taskId", taskId)
        .map(Rows::ledgerEntry)
        .list();
  }

  /** Empty for an unknown account; an empty inner value for an unmetered one. */
  private Optional<Optional<Long>> meteredBalance(String accountId) {
    return handle
        .createQuery(sql.get(JdbiLedgerStore.class, "balance"))
        .bind("accountId", accountId)
        .map((rs, ctx) -> Optional.ofNullable(Rows.longOrNull(rs, "credit_balance")))
        .findOne();
  }

  private void insertEntry(String accountId, String taskId, LedgerEntry.Kind kind, long amount, long balanceAfter, Instant now) {
    Duplicates.translate(
        "a " + kind.dbValue() + " of task " + taskId,
        () ->
            handle
                .createUpdate(sql.get(JdbiLedgerStore.class, "insertEntry"))
                .bind("accountId", accountId)
                .bind("taskId", taskId)
                .bind("kind", kind.dbValue())
                .bind("amount", amount)
                .bind("balanceAfter", balanceAfter)
                .bind("createdAt", Rows.millis(now))
                .execute());
  }

  private static void requireNotNegative(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + amount);
    }
  }

  private record OpenHold(String accountId, long amount) {}
}
