package io.backbeat.core.http;

import java.io.IOException;
import java.time.Duration;

/**
 * One step of the outbound chain, OkHttp's shape: look at (or replace) the request, call {@link
 * Chain#proceed} exactly once, look at the response, return it — or throw instead of proceeding. The
 * chain enforces this: an interceptor that proceeds twice, returns without proceeding, or returns
 * {@code null} fails with an {@link IllegalStateException} naming it. Only a {@link FollowUp} (the
 * redirect follower) may proceed more than once.
 *
 * <p>Interceptors are shared by concurrent calls: keep per-call state on the stack.
 */
@FunctionalInterface
public interface Interceptor {
  EgressResponse intercept(Chain chain) throws IOException;

  /** What an interceptor sees of the call it is part of. */
  interface Chain {
    /** The request as it reaches this interceptor. */
    EgressRequest request();

    /** Passes {@code request} to the rest of the chain and returns its answer (the response head; the body streams). */
    EgressResponse proceed(EgressRequest request) throws IOException;

    /** Time left of the call's {@link EgressRequest#timeout()}, never negative. */
    Duration remaining();

    /** Whether any request byte of this call may have gone out (on any hop), as the transport saw it. */
    boolean sendStarted();

    /** The status of the last response head that arrived in this call, or {@code -1}. */
    int lastStatus();
  }

  /**
   * An interceptor that may call {@link Chain#proceed} again after a response, at most {@link
   * #maxProceeds()} times, closing each response before the next call.
   */
  interface FollowUp extends Interceptor {
    int maxProceeds();
  }
}
