package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.core.provider.UpstreamCallback;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives upstream callbacks ({@code POST /callbacks/<channel>/<task id>/<token>}). A callback is a
 * wake-up hint, never a verdict: with a valid token it is recorded once (a duplicate, same body, is
 * recognised on any node) and its task's next step is made due now, which fetches the real state
 * from the upstream. The body is trusted for one thing only: the upstream job id it names, which
 * lets a submit whose answer was lost find its job (the relay confirms that id by fetching it).
 */
public final class RelayCallbacks {
  private static final Logger LOG = LoggerFactory.getLogger(RelayCallbacks.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Recorded callbacks are kept this long: they only matter while their task runs. */
  public static final Duration KEPT = Duration.ofDays(7);

  /** What became of a callback; the HTTP layer answers by it. */
  public enum Verdict {
    /** New: recorded, its task woken. */
    WOKEN,
    /** The same callback was recorded before: nothing done. */
    DUPLICATE,
    /** Authenticated, but the body is not JSON: its task was woken anyway (the fetch will tell). */
    MALFORMED,
    /** The token does not match the channel and task: nothing done. */
    UNAUTHORIZED,
    /** No such channel or task. */
    NOT_FOUND
  }

  private final RelayProvider relay;
  private final RelayStore store;
  private final InstantSource clock;
  private final Runnable wakeDispatcher;

  /** @param wakeDispatcher tells this node's dispatcher that a task became due (it may run it at once) */
  public RelayCallbacks(RelayProvider relay, RelayStore store, InstantSource clock, Runnable wakeDispatcher) {
    this.relay = requireNonNull(relay, "relay is null");
    this.store = requireNonNull(store, "store is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.wakeDispatcher = requireNonNull(wakeDispatcher, "wakeDispatcher is null");
  }

  public Verdict receive(String channelName, String taskId, String token, byte[] body) {
    Optional<RelayChannel> channel = relay.channel(channelName);
    if (channel.isEmpty()) {
      return Verdict.NOT_FOUND;
    }
    if (!TaskIds.isWellFormed(taskId) || !channel.get().tokens().matches(channelName, taskId, token)) {
      // never log the token; a wrong one is either a misconfigured upstream or someone guessing
      LOG.info("Callback on channel {} for task {} refused: wrong token", channelName, TaskIds.isWellFormed(taskId) ? taskId : "<malformed id>");
      return Verdict.UNAUTHORIZED;
    }
    Optional<Task> task = store.task(taskId);
    if (task.isEmpty()) {
      return Verdict.NOT_FOUND;
    }
    JsonNode json = null;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      LOG.info("Callback on channel {} for task {} is not JSON; waking the task to fetch its state", channelName, taskId);
    }
    String upstreamId = json == null ? null : channel.get().client().upstreamIdOf(json).orElse(null);
    Instant now = clock.instant();
    boolean fresh = store.recordAndWake(new UpstreamCallback(channelName, sha256(body), taskId, upstreamId, now), now);
    if (!fresh) {
      LOG.debug("Callback on channel {} for task {} is a duplicate", channelName, taskId);
      return Verdict.DUPLICATE;
    }
    wakeDispatcher.run();
    LOG.info("Callback on channel {} woke task {}", channelName, taskId);
    return json == null ? Verdict.MALFORMED : Verdict.WOKEN;
  }

  /** Forgets callbacks older than {@link #KEPT}; returns how long the cleanup loop may sleep. */
  public Duration cleanUpOnce() {
    int removed = store.forgetCallbacksBefore(clock.instant().minus(KEPT));
    if (removed > 0) {
      LOG.info("Forgot {} upstream callbacks older than {}", removed, KEPT);
    }
    return Duration.ofHours(1);
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
