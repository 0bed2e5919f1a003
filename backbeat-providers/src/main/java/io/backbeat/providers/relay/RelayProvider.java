package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.provider.RescueDecision;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.provider.SubmitOutcome;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.UpstreamCallback;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on upstream services, exactly once each. One task is a few short steps, parked in
 * between (no thread, no slot): <b>submit</b> — record the intent, send the create call, record its
 * outcome; <b>reconcile</b> — for a submit whose answer was lost, find the job (by our reference,
 * an authenticated callback, or the upstream's task list) before anything else; <b>poll</b> — read
 * the job's state, relay its stages, and on success copy every output into our asset store before
 * the task succeeds.
 *
 * <p>Failover: channels are tried in the router's order; a channel that refused or never heard the
 * request ({@link Submission.Refused}) hands the task to the next, one that may have received it
 * ({@link Submission.Unknown}) never does. A {@code local} channel in that order is the local studio:
 * reached only when every upstream before it definitely did not take the task, it takes the task
 * for good (recorded as the task's channel, nothing sent anywhere) and runs it here, in the studio's
 * own steps. Money follows the upstream's word: a definitive failure is
 * refused unless the upstream charged; giving up on a job the upstream may still bill keeps the hold.
 */
public final class RelayProvider implements Provider {
  public static final String NAME = "relay";
  private static final Logger LOG = LoggerFactory.getLogger(RelayProvider.class);

  /** Re-hosting attempts before a finished job fails as undeliverable (fresh URLs are asked for each time). */
  static final int MAX_REHOST_FAILURES = 5;

  /** An upstream that says it has no job it accepted gets this long before we believe it (lag after a submit). */
  static final Duration MISSING_GRACE = Duration.ofMinutes(2);

  /** A task handed to a local studio whose slots on this node are all taken looks again this much later. */
  static final Duration STUDIO_BUSY_RETRY = Duration.ofSeconds(1);

  private final Map<String, RelayChannel> channels;
  private final Set<String> localChannels;
  /** Tasks each local channel took on this node because it ranked first, and after upstreams refused. */
  private final Map<String, LongAdder> localFirst = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> localFallbacks = new ConcurrentHashMap<>();
  private final ChannelRouter router;
  private final Optional<Provider> studio;
  /** Renders the relay runs on the studio's behalf at once on this node: the studio's own slot count, not the relay's. */
  private final Semaphore studioSlots;
  private final RelayStore store;
  private final Rehoster rehoster;
  private final VideoPosters posters;
  private final RelayPersonas personas;
  private final Supplier<String> publicBaseUrl;
  private final int slots;

  /**
   * @param relays the usable upstream channels (skipped ones are not here)
   * @param local the local channels of the config, which take part in routing; empty if none
   * @param studio the local studio the local channels stand for (it serves what ranks a local channel
   *     first, and what every upstream before a local channel refused); empty without local channels
   * @param workDir where stored outputs are decoded (a relayed video's poster, a relayed persona's voice)
   * @param publicBaseUrl the base of our callback URLs (the public URL), or a supplier of null for none
   * @param slots steps at once per node (short I/O each)
   */
  public RelayProvider(
      List<RelayChannel> relays,
      List<ChannelConfig> local,
      Optional<Provider> studio,
      RelayStore store,
      Rehoster rehoster,
      Path workDir,
      Supplier<String> publicBaseUrl,
      int slots) {
    Map<String, RelayChannel> byName = new LinkedHashMap<>();
    List<ChannelConfig> all = new ArrayList<>();
    for (RelayChannel channel : relays) {
      if (byName.put(channel.name(), channel) != null) {
        throw new IllegalArgumentException("two channels are named " + channel.name());
      }
      all.add(channel.config());
    }
    all.addAll(local);
    this.channels = Map.copyOf(byName);
    this.localChannels = local.stream().map(ChannelConfig::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.router = new ChannelRouter(all);
    this.studio = requireNonNull(studio, "studio is null");
    this.studioSlots = new Semaphore(studio.map(Provider::defaultSlots).orElse(1));
    this.store = requireNonNull(store, "store is null");
    this.rehoster = requireNonNull(rehoster, "rehoster is null");
    requireNonNull(workDir, "workDir is null");
    this.posters = new VideoPosters(workDir);
    this.personas = new RelayPersonas(store, workDir);
    this.publicBaseUrl = requireNonNull(publicBaseUrl, "publicBaseUrl is null");
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1");
    }
    this.slots = slots;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<TaskKind> kinds() {
    Set<TaskKind> kinds = EnumSet.noneOf(TaskKind.class);
    channels.values().forEach(c -> kinds.addAll(c.config().kinds()));
    return kinds;
  }

  @Override
  public int defaultSlots() {
    return slots;
  }

  /** A task goes upstream when the best channel for it is an upstream one (not a local channel). */
  @Override
  public boolean serves(TaskSpec spec) {
    Optional<Task> source = SourceClips.referenceOf(spec).flatMap(ref -> store.task(ref.taskId()));
    List<ChannelConfig> order = router.orderForNewTask(spec, channel -> usable(channel, spec, source));
    return !order.isEmpty() && order.get(0).type().isRelay();
  }

  /** Relayed work is resumed from its handle: polls repeat safely, an intent in flight became unknown. */
  @Override
  public RescueDecision onLeaseLost(Task task) {
    return RescueDecision.resume();
  }

  /** The usable channels, in config order. */
  public List<RelayChannel> channels() {
    return router.channels().stream().filter(c -> c.type().isRelay()).map(c -> channels.get(c.name())).toList();
  }

  public Optional<RelayChannel> channel(String name) {
    return Optional.ofNullable(channels.get(name));
  }

  /** Every channel's health, with its open tasks (all nodes) and rate-limit state. */
  public List<ChannelHealth.Snapshot> health(Instant now) {
    Map<String, Long> load = store.upstreamLoad();
    List<ChannelHealth.Snapshot> snapshots = new ArrayList<>();
    for (RelayChannel channel : channels()) {
      snapshots.add(channel.health().snapshot(channel.config(), channel.blockedUntil(), load.getOrDefault(channel.name(), 0L)));
    }
    return snapshots;
  }

  /** What a local channel took on this node: as the first choice, and as the fallback of refusing upstreams. */
  public record LocalChannelCounts(long first, long fallbacks) {}

  /** The tasks {@code localChannel} took on this node since it started. */
  public LocalChannelCounts localCounts(String localChannel) {
    LongAdder first = localFirst.get(localChannel);
    LongAdder fallbacks = localFallbacks.get(localChannel);
    return new LocalChannelCounts(first == null ? 0 : first.sum(), fallbacks == null ? 0 : fallbacks.sum());
  }

  @Override
  public Step step(Task task, TaskContext context) throws Exception {
    String channel = context.handle().channel();
    if (channel != null && localChannels.contains(channel)) {
      return runLocally(task, context);
    }
    RelayState state = RelayState.of(context.handle().state());
    return switch (context.handle().submitState()) {
      case NONE, NOT_SENT -> submit(task, context, state);
      case INTENT, UNKNOWN -> reconcile(task, context, state);
      case ACCEPTED -> poll(task, context, state);
    };
  }

  // ---- submit --------------------------------------------------------------------------------

  private Step submit(Task task, TaskContext context, RelayState state) throws Exception {
    Instant now = context.clock().instant();
    Optional<String> persona = RelayPersonas.named(task.spec());
    if (persona.isPresent() && store.persona(persona.get()).isPresent() && personas.of(task).isEmpty()) {
      // another account's persona: answered as if there were none (its existence is not told)
      return Step.fail(FailureCode.INVALID_INPUT, io.backbeat.providers.local.OwnPersonaCheck.notYours(persona.get()));
    }
    state.firstOfferedAt(now);
    Optional<Task> sourceTask = SourceClips.referenceOf(task.spec()).flatMap(ref -> store.task(ref.taskId()));
    List<ChannelConfig> order = router.order(task.spec(), c -> usable(c, task.spec(), sourceTask), task.id());
    Optional<RelayChannel> firstRelay = order.stream().filter(c -> c.type().isRelay()).findFirst().map(c -> channels.get(c.name()));
    if (firstRelay.isEmpty()) {
      if (!order.isEmpty()) {
        return handToStudio(task, context, order.get(0), state, "no upstream channel serves it", false);
      }
      return Step.fail(FailureCode.INTERNAL, "no configured upstream channel serves this task any more");
    }
    Duration horizon = firstRelay.get().config().horizon();
    if (!now.isBefore(state.firstOfferedAt().plus(horizon))) {
      return Step.fail(
          FailureCode.TIMEOUT,
          "no upstream channel accepted the task within " + horizon + (state.lastRefusal() == null ? "" : "; last refusal: " + state.lastRefusal()));
    }
    Optional<SourceClip> source = Optional.empty();
    Optional<ClipRef> ref = SourceClips.referenceOf(task.spec());
    if (ref.isPresent()) {
      source = sourceTask.flatMap(t -> SourceClips.resolve(ref.get(), t));
      if (source.isEmpty()) {
        return Step.fail(FailureCode.INVALID_INPUT, "the source clip was not made by an upstream channel that can work on it");
      }
    }
    Instant retryAt = null;
    Map<String, Long> load = null;
    boolean passedAnUpstream = false;
    for (ChannelConfig candidate : order) {
      if (!candidate.type().isRelay()) {
        // every upstream before the studio definitely did not take the task (refused, paused or full)
        return handToStudio(task, context, candidate, state, passedAnUpstream ? state.lastRefusal() : null, passedAnUpstream);
      }
      passedAnUpstream = true; // an upstream candidate that does not return below did not take the task
      RelayChannel channel = channels.get(candidate.name());
      Instant blocked = channel.blockedUntil();
      if (blocked != null) {
        state.refused(channel.name(), "rate limited until " + blocked);
        retryAt = earliest(retryAt, blocked);
        continue;
      }
      if (channel.config().concurrency() > 0) {
        load = load == null ? store.upstreamLoad() : load;
        if (load.getOrDefault(channel.name(), 0L) >= channel.config().concurrency()) {
          state.refused(channel.name(), "at its concurrency limit of " + channel.config().concurrency());
          retryAt = earliest(retryAt, channel.polls().next(now, now));
          continue;
        }
      }
      RelayJob job = job(task, channel, source.orElse(null), now);
      state.intentAt(now);
      // the intent (and the channel it goes to) is durable before a single byte is sent
      if (!context.saveHandle(context.handle().withIntent(channel.name()).withState(state.json()))) {
        return Step.abandoned();
      }
      long started = System.nanoTime();
      Submission outcome = channel.client().submit(job);
      channel.health().submitted(outcome, System.nanoTime() - started, now);
      switch (outcome) {
        case Submission.Accepted accepted -> {
          state.acceptedAt(now);
          if (!context.saveHandle(context.handle().withOutcome(new SubmitOutcome.Accepted(accepted.upstreamId())).withState(state.json()))) {
            return Step.abandoned();
          }
          LOG.info("Task {}: accepted by channel {} as {}", task.id(), channel.name(), accepted.upstreamId());
          return Step.again(channel.polls().next(now, now), "submitted to " + channel.name());
        }
        case Submission.Answered answered -> {
          state.acceptedAt(now).answer(answered.answer());
          if (!context.saveHandle(context.handle().withOutcome(new SubmitOutcome.Accepted(answered.upstreamId())).withState(state.json()))) {
            return Step.abandoned();
          }
          return poll(task, context, state);
        }
        case Submission.Rejected rejected -> {
          if (!context.recordOutcome(new SubmitOutcome.NotSent("rejected by " + channel.name() + ": " + rejected.message()))) {
            return Step.abandoned();
          }
          channel.health().finished(false);
          return Step.fail(rejected.code(), rejected.message());
        }
        case Submission.Refused refused -> {
          state.refused(channel.name(), refused.reason());
          if (!context.saveHandle(context.handle().withOutcome(new SubmitOutcome.NotSent(refused.reason())).withState(state.json()))) {
            return Step.abandoned();
          }
          LOG.info("Task {}: channel {} did not take it ({}); trying the next", task.id(), channel.name(), refused.reason());
          retryAt = earliest(retryAt, refused.retryAt());
        }
        case Submission.Unknown unknown -> {
          state.unknownSince(now);
          if (!context.saveHandle(context.handle().withOutcome(new SubmitOutcome.Unknown(unknown.reason())).withState(state.json()))) {
            return Step.abandoned();
          }
          LOG.warn("Task {}: submit to {} may have arrived ({}); reconciling, never resending blind", task.id(), channel.name(), unknown.reason());
          return Step.again(now.plus(channel.config().pollInitial()), "submit to " + channel.name() + " unknown; reconciling");
        }
      }
    }
    if (!context.saveHandle(context.handle().withState(state.json()))) {
      return Step.abandoned();
    }
    Instant next = firstRelay.get().polls().next(now, state.firstOfferedAt());
    return Step.again(retryAt != null && retryAt.isAfter(now) && retryAt.isBefore(next) ? retryAt : next,
        "no channel took the task yet: " + state.lastRefusal());
  }

  // ---- the local studio as a channel ---------------------------------------------------------

  /**
   * The local channel takes the task: recorded before anything runs (channel = the local channel,
   * nothing sent, so a rescue resumes it here and never counts it as an upstream's), then rendered.
   */
  private Step handToStudio(Task task, TaskContext context, ChannelConfig local, RelayState state, String why, boolean fallback) throws Exception {
    ProviderHandle handed = new ProviderHandle(local.name(), null, SubmitState.NOT_SENT, state.json());
    if (!context.saveHandle(handed)) {
      return Step.abandoned();
    }
    LOG.info("Task {}: the local channel {} serves it ({})", task.id(), local.name(), why == null ? "it ranks first" : why);
    (fallback ? localFallbacks : localFirst).computeIfAbsent(local.name(), name -> new LongAdder()).increment();
    return runLocally(task, context);
  }

  /** One step of the local studio, within its own slot count on this node (a busy studio is waited for, not overrun). */
  private Step runLocally(Task task, TaskContext context) throws Exception {
    if (studio.isEmpty()) {
      return Step.fail(FailureCode.INTERNAL, "the local channel " + context.handle().channel() + " has no studio on this node");
    }
    if (!studioSlots.tryAcquire()) {
      return Step.again(context.clock().instant().plus(STUDIO_BUSY_RETRY), "waiting for a free local studio slot");
    }
    try {
      return studio.get().step(task, context);
    } finally {
      studioSlots.release();
    }
  }

  // ---- reconcile -----------------------------------------------------------------------------

  private Step reconcile(Task task, TaskContext context, RelayState state) {
    Instant now = context.clock().instant();
    ProviderHandle handle = context.handle();
    RelayChannel channel = channels.get(handle.channel());
    if (channel == null) {
      return Step.failCharged(
          FailureCode.INTERNAL, "channel " + handle.channel() + " was removed from the config while its submit was unresolved; it may have billed it");
    }
    Instant since = state.unknownSince() != null ? state.unknownSince() : now;
    state.unknownSince(since);
    Instant intentAt = state.intentAt() != null ? state.intentAt() : since;
    Optional<SourceClip> source =
        SourceClips.referenceOf(task.spec()).flatMap(ref -> store.task(ref.taskId()).flatMap(t -> SourceClips.resolve(ref, t)));
    RelayJob job = job(task, channel, source.orElse(null), intentAt);
    Set<String> hints = new LinkedHashSet<>();
    if (handle.upstreamId() != null) {
      hints.add(handle.upstreamId());
    }
    for (UpstreamCallback callback : store.callbacks(task.id())) {
      if (callback.channel().equals(channel.name()) && callback.upstreamId() != null) {
        hints.add(callback.upstreamId());
      }
    }
    Reconciling reconciling =
        new Reconciling(
            List.copyOf(hints),
            id -> store.taskOfUpstreamJob(channel.name(), id).filter(other -> !other.id().equals(task.id())).isPresent(),
            now,
            channel.config().reconcileGrace());
    long started = System.nanoTime();
    Lookup lookup = channel.client().reconcile(job, reconciling);
    channel.health().call(System.nanoTime() - started);
    Duration horizon = channel.config().horizon();
    return switch (lookup) {
      case Lookup.Found found -> {
        state.acceptedAt(now);
        if (!context.saveHandle(handle.withOutcome(new SubmitOutcome.Accepted(found.upstreamId())).withState(state.json()))) {
          yield Step.abandoned();
        }
        LOG.info("Task {}: reconciled; channel {} has it as {}", task.id(), channel.name(), found.upstreamId());
        yield Step.again(now, "reconciled: " + channel.name() + " has the job");
      }
      case Lookup.Absent absent -> {
        if (!context.saveHandle(handle.withOutcome(new SubmitOutcome.NotSent("verified absent: " + absent.reason())).withState(state.json()))) {
          yield Step.abandoned();
        }
        LOG.info("Task {}: the lost submit never reached {} ({}); offering the task again", task.id(), channel.name(), absent.reason());
        yield Step.again(now, "the submit never reached " + channel.name() + "; offering it again");
      }
      case Lookup.Undecided undecided -> {
        if (!now.isBefore(since.plus(horizon))) {
          channel.health().finished(false);
          yield Step.failCharged(
              FailureCode.TIMEOUT,
              "the upstream never confirmed or denied the submit within " + horizon + " (" + undecided.reason() + "); it may have billed it");
        }
        if (!context.saveHandle(handle.withState(state.json()))) {
          yield Step.abandoned();
        }
        yield Step.again(channel.polls().next(now, since), "reconciling with " + channel.name() + ": " + undecided.reason());
      }
      case Lookup.Unresolvable unresolvable -> {
        channel.health().finished(false);
        yield Step.failCharged(FailureCode.GENERATION_FAILED, unresolvable.reason() + "; the upstream may have billed it");
      }
    };
  }

  // ---- poll ----------------------------------------------------------------------------------

  private Step poll(Task task, TaskContext context, RelayState state) {
    Instant now = context.clock().instant();
    ProviderHandle handle = context.handle();
    RelayChannel channel = channels.get(handle.channel());
    if (channel == null) {
      return Step.failCharged(
          FailureCode.INTERNAL, "channel " + handle.channel() + " was removed from the config while it ran the task; it may have billed it");
    }
    Instant acceptedAt = state.acceptedAt() != null ? state.acceptedAt() : now;
    Duration horizon = channel.config().horizon();
    if (!now.isBefore(acceptedAt.plus(horizon))) {
      channel.health().finished(false);
      return Step.failCharged(FailureCode.TIMEOUT, "the upstream did not finish the job within " + horizon + "; it may still bill it");
    }
    Optional<SourceClip> source =
        SourceClips.referenceOf(task.spec()).flatMap(ref -> store.task(ref.taskId()).flatMap(t -> SourceClips.resolve(ref, t)));
    RelayJob job = job(task, channel, source.orElse(null), state.intentAt() != null ? state.intentAt() : acceptedAt);
    Progress progress;
    if (state.answer() != null) {
      progress = channel.client().interpret(job, state.answer());
    } else {
      long started = System.nanoTime();
      progress = channel.client().poll(job, handle.upstreamId());
      channel.health().polled(progress, System.nanoTime() - started, now);
    }
    Instant next = channel.polls().next(now, acceptedAt);
    return switch (progress) {
      case Progress.Working working -> {
        if (state.missingSince() != null) {
          state.found();
          if (!context.saveHandle(handle.withState(state.json()))) {
            yield Step.abandoned();
          }
        }
        if (working.draft() != null && working.stage() != Stage.NONE && !reachStage(task, context, channel, working)) {
          yield Step.abandoned();
        }
        yield Step.again(next, channel.name() + " is working on it");
      }
      case Progress.Done done -> finish(task, context, channel, state, done.draft(), handle.upstreamId());
      case Progress.Failed failed -> {
        channel.health().finished(false);
        yield new Step.Fail(failed.code(), failed.message(), failed.settlement());
      }
      case Progress.Missing missing -> {
        state.missingSince(now);
        Duration grace = MISSING_GRACE.compareTo(channel.config().reconcileGrace()) > 0 ? MISSING_GRACE : channel.config().reconcileGrace();
        if (!now.isBefore(state.missingSince().plus(grace))) {
          channel.health().finished(false);
          yield new Step.Fail(FailureCode.GENERATION_FAILED, "the upstream lost the job: " + missing.reason(), missing.settlementIfGivenUp());
        }
        if (!context.saveHandle(handle.withState(state.json()))) {
          yield Step.abandoned();
        }
        yield Step.again(next, channel.name() + " does not show the job yet");
      }
      case Progress.Unreachable unreachable -> {
        Instant at = unreachable.retryAt() != null && unreachable.retryAt().isAfter(now) ? unreachable.retryAt() : next;
        yield Step.again(at, "poll of " + channel.name() + " failed: " + unreachable.reason());
      }
    };
  }

  /** Relays a stage the upstream reached (lyrics written, first clip done), with its files re-hosted first. */
  private boolean reachStage(Task task, TaskContext context, RelayChannel channel, Progress.Working working) {
    Draft draft = working.draft();
    try {
      ObjectNode result = rehoster.rehost(task.id(), draft, context.assets(), channel.config().maxAssetBytes(), channel.config().timeout());
      result.putObject("upstream").put("channel", channel.name()).put("taskId", context.handle().upstreamId());
      return context.reachStage(working.stage(), result);
    } catch (Rehoster.RehostException e) {
      // a stage is a courtesy: the final result is re-hosted (and insisted on) when the job is done
      LOG.info("Task {}: stage {} not relayed yet: {}", task.id(), working.stage(), e.getMessage());
      return !context.isAbandoned();
    }
  }

  /** The job is done: every output into our store, then success. Expired links are asked for again. */
  private Step finish(Task task, TaskContext context, RelayChannel channel, RelayState state, Draft draft, String upstreamId) {
    Instant now = context.clock().instant();
    try {
      ObjectNode result = rehoster.rehost(task.id(), draft, context.assets(), channel.config().maxAssetBytes(), channel.config().timeout());
      result.putObject("upstream").put("channel", channel.name()).put("taskId", upstreamId);
      if (task.kind() == TaskKind.VIDEO) {
        // a local video has its first frame as a poster; a relayed one gets the same (or keeps the upstream's)
        posters.addTo(task.id(), result, context.assets());
      }
      if (task.kind() == TaskKind.PERSONA) {
        // kept in our persona store like a local one: owned, listed, one per clip, usable on failover
        Optional<SourceClip> source =
            SourceClips.referenceOf(task.spec()).flatMap(ref -> store.task(ref.taskId()).flatMap(t -> SourceClips.resolve(ref, t)));
        try {
          personas.keep(task, result, channel.name(), source, context.assets(), now);
        } catch (io.backbeat.core.store.DuplicateKeyException e) {
          channel.health().finished(false);
          return Step.fail(FailureCode.INVALID_INPUT, RelayPersonas.ALREADY_EXISTS);
        }
      }
      if (context.isAbandoned()) {
        return Step.abandoned();
      }
      channel.health().finished(true);
      return Step.succeed(result);
    } catch (Rehoster.RehostException e) {
      state.rehostFailed(e.getMessage());
      channel.health().error(e.getMessage(), now);
      if (state.rehostFailures() >= MAX_REHOST_FAILURES) {
        channel.health().finished(false);
        // the client got nothing it can use: refunded, whatever the upstream billed
        return Step.fail(FailureCode.DOWNLOAD_FAILED, "the finished outputs could not be copied from the upstream: " + e.getMessage());
      }
      if (!context.saveHandle(context.handle().withState(state.json()))) {
        return Step.abandoned();
      }
      LOG.info("Task {}: re-hosting failed ({}); asking {} again", task.id(), e.getMessage(), channel.name());
      return Step.again(now.plus(channel.config().pollInitial()), "re-hosting outputs failed: " + e.getMessage());
    }
  }

  // ---- routing helpers -------------------------------------------------------------------------

  /** Whether a channel can take a task of {@code spec} whose source task (if any) is {@code source}. */
  private boolean usable(ChannelConfig channel, TaskSpec spec, Optional<Task> source) {
    Optional<ClipRef> ref = SourceClips.referenceOf(spec);
    if (!channel.type().isRelay()) {
      // the local studio works on its own outputs and on new work, not on an upstream's
      return studio.filter(s -> s.serves(spec)).isPresent() && (ref.isEmpty() || source.flatMap(SourceClips::channelOf).isEmpty());
    }
    RelayChannel relay = channels.get(channel.name());
    if (relay == null || !relay.client().supports(spec)) {
      return false;
    }
    // a song naming a persona made upstream goes to that upstream (or the local studio), whose id it knows
    Optional<String> personaChannel =
        RelayPersonas.named(spec).flatMap(store::persona).flatMap(RelayPersonas::channelOf);
    if (personaChannel.isPresent() && !personaChannel.get().equals(channel.name())) {
      return false;
    }
    if (ref.isEmpty()) {
      return true;
    }
    return source.flatMap(SourceClips::channelOf).filter(channel.name()::equals).isPresent();
  }

  private RelayJob job(Task task, RelayChannel channel, SourceClip source, Instant intentAt) {
    String base = publicBaseUrl.get();
    String callbackUrl = base == null ? null : channel.tokens().callbackUrl(base, channel.name(), task.id());
    String persona = RelayPersonas.named(task.spec()).orElse(null);
    Optional<io.backbeat.core.persona.Persona> kept = personas.of(task);
    if (kept.isPresent()) {
      // a persona kept here is sent as the id its own upstream gave it; one made elsewhere means nothing to this one
      persona = RelayPersonas.upstreamId(kept.get(), channel.name()).orElse(null);
    }
    return new RelayJob(task, channel.config(), callbackUrl, source, intentAt, persona);
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isBefore(b) ? a : b;
  }
}
