package io.backbeat.providers.fake;

import java.util.Random;

/**
 * How often a fake upstream misbehaves, per request or per callback. All draws come from one seeded
 * {@link Random}, so a run with the same seed (and the same order of requests) misbehaves the same way.
 *
 * @param slow answers after the client's timeout (a create is still carried out)
 * @param tooMany answers 429 with Retry-After (nothing done)
 * @param unavailable answers 503 (nothing done)
 * @param serverError answers 500 (nothing done, but the client cannot know that)
 * @param dropAfterAccept carries out a create, then cuts the answer off mid-body
 * @param malformed answers 200 with a body that is not JSON (a create is still carried out)
 * @param expiredUrl hands out an output URL that has already expired (a fresh one next time)
 * @param duplicateCallback sends a callback twice
 * @param dropCallback never sends a callback
 * @param reorderCallbacks sends a job's callbacks in random order
 * @param wrongSecret sends a callback to a URL whose token was tampered with (as well as the real one)
 * @param failJob the job itself fails upstream
 */
public record Faults(
    double slow,
    double tooMany,
    double unavailable,
    double serverError,
    double dropAfterAccept,
    double malformed,
    double expiredUrl,
    double duplicateCallback,
    double dropCallback,
    double reorderCallbacks,
    double wrongSecret,
    double failJob) {

  public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** A random mix, each fault somewhere between never and often. */
  public static Faults random(Random random) {
    return new Faults(
        random.nextDouble() * 0.06,
        random.nextDouble() * 0.12,
        random.nextDouble() * 0.08,
        random.nextDouble() * 0.06,
        random.nextDouble() * 0.12,
        random.nextDouble() * 0.06,
        random.nextDouble() * 0.25,
        random.nextDouble() * 0.4,
        random.nextDouble() * 0.3,
        random.nextDouble() * 0.5,
        random.nextDouble() * 0.3,
        random.nextDouble() * 0.15);
  }

  public Faults with(String fault, double p) {
    return new Faults(
        fault.equals("slow") ? p : slow,
        fault.equals("tooMany") ? p : tooMany,
        fault.equals("unavailable") ? p : unavailable,
        fault.equals("serverError") ? p : serverError,
        fault.equals("dropAfterAccept") ? p : dropAfterAccept,
        fault.equals("malformed") ? p : malformed,
        fault.equals("expiredUrl") ? p : expiredUrl,
        fault.equals("duplicateCallback") ? p : duplicateCallback,
        fault.equals("dropCallback") ? p : dropCallback,
        fault.equals("reorderCallbacks") ? p : reorderCallbacks,
        fault.equals("wrongSecret") ? p : wrongSecret,
        fault.equals("failJob") ? p : failJob);
  }

  /** What a request gets. */
  public enum RequestFault {
    NONE, SLOW, TOO_MANY, UNAVAILABLE, SERVER_ERROR, DROP_AFTER_ACCEPT, MALFORMED
  }

  RequestFault draw(Random random) {
    double r = random.nextDouble();
    double[] p = {slow, tooMany, unavailable, serverError, dropAfterAccept, malformed};
    RequestFault[] faults = {
      RequestFault.SLOW, RequestFault.TOO_MANY, RequestFault.UNAVAILABLE, RequestFault.SERVER_ERROR, RequestFault.DROP_AFTER_ACCEPT,
      RequestFault.MALFORMED
    };
    double acc = 0;
    for (int i = 0; i < p.length; i++) {
      acc += p[i];
      if (r < acc) {
        return faults[i];
      }
    }
    return RequestFault.NONE;
  }
}
