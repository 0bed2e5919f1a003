package io.backbeat.core.http;

/**
 * What a failed outbound call may have done at the other end: the question a caller must answer before
 * it sends the same request again or elsewhere. Every {@link EgressException} carries one; {@link
 * SendFailures} turns it into decisions.
 */
public enum SendClassification {
  /**
   * No request byte left this process: refused by the egress policy, rate-limited before sending, the
   * host did not resolve, the connection was refused or timed out while connecting. The target cannot
   * have acted, so the request may be retried or sent to another upstream (fail over).
   */
  NOT_SENT,
  /**
   * The request started going out, and no complete answer came back: a timeout or a dropped
   * connection after the connection was open, or an answer cut off mid-body ({@link
   * EgressException#status()} then says what its head said). The target may have acted: never send a
   * non-idempotent request again blind; reconcile (ask the target what happened) instead.
   */
  SENT_NO_RESPONSE,
  /**
   * A complete HTTP answer arrived and the failure is our verdict on it: a status the call does not
   * accept, a body over the size limit or not in the expected format, too many redirects. {@link
   * EgressException#status()} is the status; it says whether the target acted (a 2xx did).
   */
  RESPONSE
}
