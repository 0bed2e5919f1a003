package io.backbeat.core.billing;

/**
 * What becomes of a task's credit hold when it fails. A failure is refunded unless the work may
 * have been charged for anyway: a relayed task whose upstream took the job (or may have) and never
 * said it failed for free. Refunding blind is how gateways end up paying twice (lessons: "timeout is
 * not failure"); charging blind is how they cheat clients, so only the upstream's word or a proven
 * "may have charged" keeps the hold.
 */
public enum Settlement {
  /** Give the hold back: nothing was (or can be) charged for this task. */
  REFUND,
  /** Keep the hold (settle it): the upstream charged, or may have, for the failed work. */
  CHARGE
}
