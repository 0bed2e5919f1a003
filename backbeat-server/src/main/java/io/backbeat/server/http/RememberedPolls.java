package io.backbeat.server.http;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.AccountService;
import io.backbeat.core.account.Principal;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty handler ahead of Javalin's servlet: a {@code GET} of a query route's exact path whose
 * answer the route remembered for a finished task is written here, skipping the servlet stack,
 * Javalin's path matching of before-handlers and routes, and its request logger. The checks are
 * the ones the route runs: the Bearer API key ({@link AccountService#authenticate}), the route's
 * version read (ownership, route, status, {@code updated_at}) and the poll rate limit
 * ({@link TaskCreation#checkPoll}), which runs only on a hit so that a miss, passed on, is counted
 * once. Anything else — another path or method, an odd query, a missing or unknown key, a miss, a
 * rate-limited poll, any exception — goes on to Javalin unchanged, so every error keeps its shape.
 */
public final class RememberedPolls extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(RememberedPolls.class);
  private static final String JSON = "application/json";

  private final Map<String, RememberedPoll> routes;
  private final AccountService accounts;
  private final TaskCreation creation;
  private final LongAdder answered = new LongAdder();

  /** @param routes the query routes by exact path (aliases included) */
  public RememberedPolls(Map<String, RememberedPoll> routes, AccountService accounts, TaskCreation creation) {
    this.routes = Map.copyOf(routes);
    this.accounts = requireNonNull(accounts, "accounts is null");
    this.creation = requireNonNull(creation, "creation is null");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long start = System.nanoTime();
    byte[] body = remembered(request);
    if (body == null) {
      return super.handle(request, response, callback);
    }
    answered.increment();
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    if (LOG.isDebugEnabled()) {
      // the line Javalin's request logger writes for the other requests
      LOG.debug("GET {} -> 200 ({} ms)", request.getHttpURI().getPath(), Math.round((System.nanoTime() - start) / 1e6));
    }
    return true;
  }

  /** Polls answered here since start (the rest went on to Javalin). */
  public long answered() {
    return answered.sum();
  }

  private byte[] remembered(Request request) {
    if (!HttpMethod.GET.is(request.getMethod())) {
      return null;
    }
    RememberedPoll route = routes.get(request.getHttpURI().getPath());
    if (route == null) {
      return null;
    }
    String taskId = taskId(request.getHttpURI().getQuery());
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (taskId == null || header == null) {
      return null;
    }
    String token = Auth.bearerToken(header.strip());
    if (token == null) {
      return null;
    }
    try {
      Principal principal = accounts.authenticate(token).orElse(null);
      if (principal == null) {
        return null;
      }
      byte[] body = route.remembered(principal, taskId);
      if (body != null) {
        creation.checkPoll(principal, taskId);
      }
      return body;
    } catch (RuntimeException e) {
      // a refused poll (rate limit) or a failure: the route answers it again, in its dialect's shape
      return null;
    }
  }

  /**
   * The first {@code taskId} parameter of a plain query (no percent-encoding, no {@code +}), or null:
   * any other query is left to Javalin's own parsing, so both can never read different ids.
   */
  static String taskId(String query) {
    if (query == null || query.indexOf('%') >= 0 || query.indexOf('+') >= 0) {
      return null;
    }
    int at = 0;
    while (at <= query.length()) {
      int end = query.indexOf('&', at);
      if (end < 0) {
        end = query.length();
      }
      if (query.startsWith("taskId=", at) && at + "taskId=".length() <= end) {
        String value = query.substring(at + "taskId=".length(), end);
        return value.isBlank() || !value.equals(value.strip()) ? null : value;
      }
      if (query.regionMatches(at, "taskId", 0, "taskId".length()) && at + "taskId".length() == end) {
        return null; // "taskId" without a value: Javalin answers that error
      }
      at = end + 1;
    }
    return null;
  }
}
