package io.backbeat.core.store;

import io.backbeat.core.billing.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** Credit balances and the ledger. Balances change only together with a ledger row. */
public interface LedgerStore {

  /** The account's balance, or empty when the account is unmetered. */
  OptionalLong balance(String accountId);

  /** Makes an account metered (or tops it up) by {@code amount}; writes a TOPUP row. Returns the new balance. */
  long topUp(String accountId, long amount, Instant now);

  /**
   * Takes {@code amount} from a metered account for {@code taskId} if the balance covers it, in one
   * conditional statement. False when it does not (insufficient credits); true for an unmetered account.
   */
  boolean hold(String accountId, String taskId, long amount, Instant now);

  /** Confirms the task's hold (SETTLE row). False when there was no hold or it was already settled/refunded. */
  boolean settle(String taskId, Instant now);

  /** Gives the task's hold back (REFUND row, balance + amount). False when there was no hold or it was already settled/refunded. */
  boolean refund(String taskId, Instant now);

  /** Newest first; {@code beforeId} (exclusive) pages back, 0 for the newest. */
  List<LedgerEntry> entries(String accountId, long beforeId, int limit);

  /** The hold, settle and refund rows of one task of {@code accountId}, oldest first (at most three). */
  List<LedgerEntry> entriesOfTask(String accountId, String taskId);
}
