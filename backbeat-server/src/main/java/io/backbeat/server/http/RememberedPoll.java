package io.backbeat.server.http;

import io.backbeat.core.account.Principal;
import io.javalin.http.Handler;

/**
 * A query route's handler ({@code GET path?taskId=…}) that can also answer a poll of a finished task
 * from the answers it remembered, before Javalin sees the request ({@link RememberedPolls}). Only for
 * dialects that authenticate with the Backbeat API key as a Bearer token (the default
 * {@link Dialect#authentication}): that is the check the fast path runs in the before-handler's place.
 */
public interface RememberedPoll extends Handler {

  /**
   * The answer this route remembered for {@code principal}'s own task {@code taskId}, exactly the bytes
   * {@link #handle} would write with status 200, or null when {@link #handle} must answer (not
   * remembered, not finished, not the caller's, not this route's task). Only reads; the caller
   * checks the poll rate limit after a hit.
   */
  byte[] remembered(Principal principal, String taskId);
}
