package io.backbeat.providers.relay;

import io.backbeat.core.http.EgressException;
import io.backbeat.core.http.EgressRateLimitedException;
import io.backbeat.core.http.JsonResponse;
import io.backbeat.core.http.SendClassification;
import java.time.Instant;
import java.util.Optional;

/**
 * The classification every upstream client shares: what a failed call or a bare HTTP status means
 * for a create (failover, reconcile) and for a poll (poll again). Family-specific bodies are read
 * by the clients themselves; this only covers what needs no knowledge of the body.
 */
public final class UpstreamCalls {
  private UpstreamCalls() {}

  /** A call to an upstream: the JSON answer, or a classified egress failure. */
  @FunctionalInterface
  public interface Call {
    JsonResponse send() throws EgressException;
  }

  /**
   * Sends a create call. A failure that was never sent (or rate-limited here) is a refusal; one that
   * may have been sent, or a 2xx we could not read, is unknown. Answers go to {@code interpret},
   * after the statuses that say the same for every upstream ({@link #refusalByStatus}).
   */
  public static Submission submit(Call call, Instant now, java.util.function.Function<JsonResponse, Submission> interpret) {
    JsonResponse response;
    try {
      response = call.send();
    } catch (EgressRateLimitedException e) {
      return new Submission.Refused(brief(e.getMessage()), e.retryAt());
    } catch (EgressException e) {
      return e.classification() == SendClassification.NOT_SENT
          ? new Submission.Refused(brief(e.getMessage()), null)
          : new Submission.Unknown(brief(e.getMessage()));
    }
    return refusalByStatus(response, now).orElseGet(() -> interpret.apply(response));
  }

  /**
   * Statuses whose meaning for a create does not depend on the upstream: 408, 429 and 503 (not
   * processed), 401 and 403 (credentials refused) are refusals; any other 5xx to a POST may have
   * come after the upstream acted, so it is unknown. Empty for everything else.
   */
  public static Optional<Submission> refusalByStatus(JsonResponse response, Instant now) {
    int status = response.status();
    if (status == 408 || status == 429 || status == 503) {
      return Optional.of(new Submission.Refused("the upstream answered HTTP " + status, response.retryAfter(now).orElse(null)));
    }
    if (status == 401 || status == 403) {
      return Optional.of(new Submission.Refused("the upstream refused the channel's credentials (HTTP " + status + ")", null));
    }
    if (status >= 500) {
      return Optional.of(new Submission.Unknown("the upstream answered HTTP " + status + " after the request was sent"));
    }
    return Optional.empty();
  }

  /** Sends a poll (a GET: safe to repeat). Failures and the transient statuses mean "poll again". */
  public static Progress poll(Call call, Instant now, java.util.function.Function<JsonResponse, Progress> interpret) {
    JsonResponse response;
    try {
      response = call.send();
    } catch (EgressRateLimitedException e) {
      return new Progress.Unreachable(brief(e.getMessage()), e.retryAt());
    } catch (EgressException e) {
      return new Progress.Unreachable(brief(e.getMessage()), null);
    }
    int status = response.status();
    if (status == 408 || status == 429 || status >= 500) {
      return new Progress.Unreachable("the upstream answered HTTP " + status, response.retryAfter(now).orElse(null));
    }
    if (status == 401 || status == 403) {
      return new Progress.Unreachable("the upstream refused the channel's credentials (HTTP " + status + ")", null);
    }
    return interpret.apply(response);
  }

  /** Sends a read (lookup, probe); empty when it failed on the way, with the failure's message. */
  public static Result read(Call call) {
    try {
      return new Result(call.send(), null);
    } catch (EgressException e) {
      return new Result(null, brief(e.getMessage()));
    }
  }

  /** A read's answer, or why there is none. */
  public record Result(JsonResponse response, String failure) {
    public boolean answered() {
      return response != null;
    }
  }

  /** Messages go into task errors and the channel view: the first line, without a transport's internal dump. */
  public static String brief(String message) {
    if (message == null) {
      return "no detail";
    }
    String line = message.lines().findFirst().orElse("");
    int dump = line.indexOf(": oejc");
    if (dump > 0) {
      line = line.substring(0, dump);
    }
    return line.length() > 240 ? line.substring(0, 240) + "…" : line;
  }

  /** Text of a JSON field, or null when absent, null or empty. */
  public static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
    com.fasterxml.jackson.databind.JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    String text = value.asText();
    return text.isEmpty() ? null : text;
  }
}
