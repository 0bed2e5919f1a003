package io.backbeat.server;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.account.AccountService;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.http.AddressAllowList;
import io.backbeat.core.http.EgressGuard;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.EgressPolicy;
import io.backbeat.core.http.EgressWebhookTransport;
import io.backbeat.core.loop.BackgroundLoop;
import io.backbeat.core.retention.RetentionJob;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.queue.Dispatcher;
import io.backbeat.core.queue.LeaseReaper;
import io.backbeat.core.task.service.TaskWaiter;
import io.backbeat.server.dialect.dashscope.DashScopeDialect;
import io.backbeat.server.dialect.kling.KlingDialect;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.RememberedPoll;
import io.backbeat.server.http.RememberedPolls;
import io.backbeat.server.http.Route;
import io.javalin.config.RoutesConfig;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.core.webhook.CallbackRenderer;
import io.backbeat.core.webhook.WebhookDispatcher;
import io.backbeat.engine.lyrics.LyricsWriter;
import io.backbeat.providers.local.LocalProvider;
import io.backbeat.providers.local.SourceTasks;
import io.backbeat.providers.local.CoverArtJob;
import io.backbeat.providers.local.MusicVideoJob;
import io.backbeat.providers.local.StemsJob;
import io.backbeat.providers.local.WavJob;
import io.backbeat.providers.local.LocalJob;
import io.backbeat.providers.local.LyricsJob;
import io.backbeat.providers.local.SongJob;
import io.backbeat.providers.local.AddInstrumentalJob;
import io.backbeat.providers.local.AddVocalsJob;
import io.backbeat.providers.local.UploadCoverJob;
import io.backbeat.providers.local.UploadExtendJob;
import io.backbeat.providers.local.ExtendJob;
import io.backbeat.providers.local.PersonaJob;
import io.backbeat.providers.local.PersonaVoiceJson;
import io.backbeat.core.persona.PersonaService;
import io.backbeat.providers.local.ReplaceSectionJob;
import io.backbeat.providers.local.StyleJob;
import io.backbeat.providers.local.TimestampedLyricsJob;
import io.backbeat.providers.local.UploadFetcher;
import io.backbeat.engine.UploadStudio;
import io.backbeat.engine.Studio;
import io.backbeat.engine.StudioConfig;
import io.backbeat.server.assets.AssetRoutes;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.config.ChannelsConfig;
import io.backbeat.server.config.ConfigException;
import io.backbeat.server.callbacks.UpstreamCallbackRoutes;
import io.backbeat.server.ops.UpstreamChannels;
import io.backbeat.providers.relay.ChannelConfig;
import io.backbeat.providers.relay.RelayCallbacks;
import io.backbeat.providers.relay.RelayChannel;
import io.backbeat.providers.relay.RelayChannels;
import io.backbeat.providers.relay.RelayProvider;
import io.backbeat.providers.relay.RelayStore;
import io.backbeat.providers.relay.Rehoster;
import io.backbeat.server.dashboard.Dashboard;
import io.backbeat.server.dialect.nativeapi.NativeDialect;
import io.backbeat.server.live.LiveEvents;
import io.backbeat.core.task.service.TaskQueries;
import io.backbeat.core.billing.CreditService;
import io.backbeat.server.dialect.suno.SunoDialect;
import io.backbeat.server.http.AssetUrls;
import io.backbeat.server.http.CallbackUrlGuard;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.TaskCreation;
import io.backbeat.core.moderation.BlockedTermsPolicy;
import io.backbeat.core.moderation.ContentPolicy;
import io.backbeat.core.ratelimit.InMemoryRateLimiter;
import io.backbeat.core.ratelimit.RateLimiter;
import io.backbeat.core.ratelimit.StoreRateLimiter;
import io.backbeat.server.logging.Redactor;
import io.backbeat.server.ops.OpsRoutes;
import io.backbeat.server.openapi.OpenApiDocument;
import io.backbeat.server.openapi.OpenApiRoutes;
import io.backbeat.server.ops.TaskMetrics;
import io.backbeat.storage.Database;
import io.backbeat.storage.DatabaseOutage;
import io.backbeat.storage.asset.fs.FsAssetStore;
import io.backbeat.storage.asset.s3.S3AssetStore;
import io.backbeat.storage.jdbc.dialect.SqlDialect;
import io.backbeat.storage.notify.PostgresWakeUps;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens storage, builds the services, the one list of providers and the
 * dialects, and owns the HTTP server and the background loops.
 */
public final class BackbeatApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackbeatApp.class);

  private final BackbeatConfig config;
  private final Database database;
  private final Studio studio;
  private final AssetStore assets;
  private final AccountService accounts;
  private final TaskService tasks;
  private final Dispatcher dispatcher;
  private final EgressHttpClient egressClient;
  private final BackgroundLoop dispatchLoop;
  private final BackgroundLoop heartbeatLoop;
  private final BackgroundLoop reaperLoop;
  private final BackgroundLoop webhookLoop;
  private final BackgroundLoop retentionLoop;
  private final BackgroundLoop callbackCleanupLoop;
  private final PrometheusMeterRegistry metrics;
  private final LiveEvents live;
  private final PostgresWakeUps wakeUps;
  private final List<Dialect> dialects;
  private final Javalin http;
  private volatile String baseUrl;

  private BackbeatApp(BackbeatConfig config, Extensions extensions) throws IOException {
    this.config = requireNonNull(config, "config is null");
    InstantSource clock = InstantSource.system();
    String node = nodeId();

    Files.createDirectories(config.storage().dataDir());
    this.database = Database.open(config.storage().databaseUrl());
    Transactor transactor = database.transactor();
    this.assets = assetStore(config.storage());
    this.accounts = new AccountService(transactor, clock);
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);

    this.egressClient =
        new EgressHttpClient(
            new EgressGuard(
                EgressPolicy.defaults(config.egress().allowPrivate()),
                EgressGuard.Resolver.SYSTEM,
                AddressAllowList.parse(config.egress().allowAddresses())));
    CallbackUrlGuard callbackUrls = new CallbackUrlGuard(egressClient.guard());
    AssetUrls assetUrls = new AssetUrls(() -> baseUrl);

    this.studio =
        new Studio(new StudioConfig(config.engine().soundFont(), config.storage().dataDir().resolve("work"), Runtime.getRuntime().availableProcessors()));
    // songs that name a stored persona are sung by its voice
    PersonaService personas = new PersonaService(transactor, clock);
    studio.usePersonas(id -> personas.find(id).flatMap(PersonaVoiceJson::read));
    // the local studio runs with no channels configured, or as the config's local channel (also the relay's fallback)
    Optional<Provider> local =
        !config.channels().configured() || !config.channels().locals().isEmpty()
            ? Optional.of(localProvider(studio, egressClient, config, id -> transactor.inTransaction(tx -> tx.tasks().find(id)), personas))
            : Optional.empty();
    Optional<RelayProvider> relay = relay(config, transactor, clock, local);
    List<Provider> providers = new java.util.ArrayList<>(extensions.providers());
    providers.addAll(providers(config, relay, local));
    for (Provider provider : providers) {
      LOG.info("Registering provider {} for {}", provider.name(), provider.kinds());
    }

    ContentPolicy policy =
        config.policy().blockedTerms().isEmpty() ? ContentPolicy.ALLOW_ALL : new BlockedTermsPolicy(config.policy().blockedTerms());
    this.tasks = new TaskService(transactor, clock, providers, Map.of(), config.policy().prices(), policy);
    TaskWaiter waiter = new TaskWaiter(transactor);
    TaskCreation creation =
        new TaskCreation(
            tasks, transactor, rateLimiter(database, clock), config.policy().rateLimits(), clock, config.retention().idempotencyKeys(), waiter);
    this.live = new LiveEvents();
    UpstreamChannels channels = new UpstreamChannels(relay, config.channels(), clock);
    channels.bindTo(metrics);
    this.dialects = new java.util.ArrayList<>(dialects(creation, callbackUrls, assetUrls, transactor, clock, channels));
    Extensions.DialectServices services = new Extensions.DialectServices(tasks, creation, callbackUrls, assetUrls);
    extensions.dialects().forEach(factory -> dialects.add(factory.create(services)));
    dialects.forEach(d -> LOG.info("Registering dialect {} under {} ({} routes)", d.name(), d.pathPrefixes(), d.routes().size()));
    // dialects render callbacks for the tasks they created
    for (Dialect dialect : dialects) {
      dialect.callbackRenderer().ifPresent(renderer -> tasks.registerRenderer(dialect.name(), renderer));
    }

    this.dispatcher = new Dispatcher(tasks, transactor, providers, assets, clock, config.workers(), node);
    this.dispatchLoop = new BackgroundLoop("dispatcher", Duration.ofSeconds(5), dispatcher::runOnce);
    dispatcher.onSlotFreed(dispatchLoop::wake);
    this.heartbeatLoop = new BackgroundLoop("lease-heartbeat", config.workers().lease().dividedBy(3), dispatcher::renewLeases);
    LeaseReaper reaper = new LeaseReaper(tasks, transactor, providers, clock, config.workers());
    this.reaperLoop = new BackgroundLoop("lease-reaper", config.workers().lease(), reaper::runOnce);
    WebhookDispatcher webhooks =
        new WebhookDispatcher(
            transactor, new EgressWebhookTransport(egressClient), config.webhooks().retrySchedule(), config.webhooks().timeout(), clock, node);
    this.webhookLoop = new BackgroundLoop("webhooks", Duration.ofSeconds(5), webhooks::runOnce);

    RetentionJob retention =
        new RetentionJob(transactor, assets, clock, config.retention().payloads(), config.retention().assets());
    this.retentionLoop = new BackgroundLoop("retention", Duration.ofMinutes(10), retention::runOnce);
    // upstream callbacks wake parked tasks; this node's dispatcher looks at once
    Optional<RelayCallbacks> upstreamCallbacks =
        relay.map(r -> new RelayCallbacks(r, RelayStore.of(transactor), clock, () -> this.dispatchLoop.wake()));
    this.callbackCleanupLoop =
        upstreamCallbacks.map(c -> new BackgroundLoop("upstream-callback-cleanup", Duration.ofHours(1), c::cleanUpOnce)).orElse(null);

    tasks.addListener(dispatcher);
    tasks.addListener(waiter);
    tasks.addListener(live);
    tasks.addListener(new TaskMetrics(metrics));
    tasks.addListener(
        event -> {
          // a finished or rescheduled task frees a slot or needs a new claim
          if (event.status().isTerminal() || event.status() == TaskStatus.QUEUED) {
            dispatchLoop.wake();
          }
        });
    tasks.onInsert(dispatchLoop::wake);
    tasks.onOutbox(webhookLoop::wake);
    this.wakeUps = clusterWakeUps(database, waiter);
    RememberedPolls rememberedPolls = new RememberedPolls(rememberedPollRoutes(dialects), accounts, creation);
    FunctionCounter.builder("backbeat.http.remembered.polls", rememberedPolls, RememberedPolls::answered)
        .description("polls of finished tasks answered ahead of Javalin from remembered answers")
        .register(metrics);

    this.http = Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.compressionStrategy = CompressionStrategy.NONE;
      cfg.http.prefer405over404 = true;
      cfg.http.maxRequestSize = MAX_BODY_BYTES;
      cfg.jetty.host = config.server().host();
      // Javalin attaches its servlet inside this wrapper: remembered polls are answered before it
      cfg.jetty.modifyServer(server -> server.setHandler(rememberedPolls));
      // per request at DEBUG: an INFO line per poll cost more than the poll (a server error is still logged)
      cfg.requestLogger.http((ctx, ms) -> {
        if (LOG.isDebugEnabled() || ctx.statusCode() >= 500) {
          LOG.atLevel(ctx.statusCode() >= 500 ? org.slf4j.event.Level.WARN : org.slf4j.event.Level.DEBUG)
              .log("{} {} -> {} ({} ms)", ctx.method(), UpstreamCallbackRoutes.loggable(ctx.path()), ctx.statusCode(), Math.round(ms));
        }
      });
      new OpsRoutes(database::isReady, metrics, this::readinessDetails).register(cfg.routes);
      upstreamCallbacks.ifPresent(c -> new UpstreamCallbackRoutes(c).register(cfg.routes));
      new AssetRoutes(assets, assetRedirect(config.storage(), assets)).register(cfg.routes);
      new Dashboard(config, accounts, tasks, transactor, clock, dialects).register(cfg.routes);
      new OpenApiRoutes(this::registeredEndpoints, () -> this.dialects, this::baseUrl).register(cfg.routes);
      registerDialects(cfg.routes, new Auth(accounts));
      cfg.routes.exception(BackbeatException.class, (e, ctx) -> renderError(ctx, e));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        if (DatabaseOutage.isOutage(e)) {
          // nothing was written (transactions commit whole): the client retries, in its dialect's shape
          LOG.warn("Database unreachable on {} {}: {}", ctx.method(), ctx.path(), e.getClass().getSimpleName());
          renderError(ctx, new BackbeatException(BackbeatError.UNAVAILABLE, "the database is unreachable; retry shortly", DATABASE_RETRY_AFTER));
          return;
        }
        LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
        renderError(ctx, new BackbeatException(BackbeatError.INTERNAL, "internal error; it has been logged"));
      });
      // Javalin's own 404/405 (no such route) in the dialect's shape; our own errors are left alone
      cfg.routes.error(404, ctx -> {
        if (ctx.attribute(RENDERED) == null && !ctx.path().startsWith("/assets/")) {
          renderError(ctx, BackbeatException.notFound("no route " + ctx.method() + " " + ctx.path()));
        }
      });
      cfg.routes.error(413, ctx -> {
        if (ctx.attribute(RENDERED) == null) {
          renderError(ctx, BackbeatException.tooLong("request body too large: at most " + MAX_BODY_BYTES / 1_000_000 + " MB"));
        }
      });
      cfg.routes.error(405, ctx -> {
        if (ctx.attribute(RENDERED) == null) {
          renderError(ctx, BackbeatException.invalid("method " + ctx.method() + " is not allowed on " + ctx.path()));
          ctx.status(405);
        }
      });
    });
  }

  /** Every endpoint the HTTP server routes: the truth the OpenAPI document is built from. */
  private List<OpenApiDocument.Endpoint> registeredEndpoints() {
    return http.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> new OpenApiDocument.Endpoint(parsed.endpoint.method.name(), parsed.endpoint.path))
        .toList();
  }

  /** What {@code /readyz} shows beside the status: the local studio's sound bank, once loaded. */
  private Map<String, String> readinessDetails() {
    return Map.of("soundBank", studio.loadedSoundBankDescription().orElse("loading"));
  }

  /** Builds the app (opens and migrates the database) without starting anything. */
  public static BackbeatApp create(BackbeatConfig config) throws IOException {
    return new BackbeatApp(config, Extensions.NONE);
  }

  /** Builds the app with extra providers and dialects beside the built-in ones. */
  public static BackbeatApp create(BackbeatConfig config, Extensions extensions) throws IOException {
    return new BackbeatApp(config, requireNonNull(extensions, "extensions is null"));
  }

  /**
   * The one list of providers. Without configured channels the local studio runs every kind it
   * supports. With channels, the relay comes first: it takes a task when the best channel for it
   * (by kind, model, priority and weight) is an upstream one; the local studio runs only if a
   * {@code local} channel is configured, for what ranks it first or what no upstream serves. The
   * relay also hands the studio what every upstream ranked before a local channel refused.
   */
  private static List<Provider> providers(BackbeatConfig config, Optional<RelayProvider> relay, Optional<Provider> local) {
    List<Provider> providers = new java.util.ArrayList<>();
    relay.ifPresent(providers::add);
    local.ifPresent(providers::add);
    if (providers.isEmpty()) {
      throw new ConfigException("no usable channel: every configured channel was skipped ("
          + config.channels().skipped().stream().map(s -> s.name() + ": " + s.reason()).toList()
          + "); add a channel of type local to fall back to the built-in studio");
    }
    return providers;
  }

  private static LocalProvider localProvider(
      Studio studio, EgressHttpClient egress, BackbeatConfig config, SourceTasks sources, PersonaService personas) {
    Map<TaskKind, LocalJob> jobs = new HashMap<>();
    java.nio.file.Path work = config.storage().dataDir().resolve("work");
    jobs.put(TaskKind.LYRICS, new LyricsJob(new LyricsWriter()));
    jobs.put(TaskKind.SONG, new SongJob(studio, work));
    // uploads are fetched by the task, through the egress guard, into the data folder
    UploadStudio uploads = new UploadStudio(studio);
    UploadFetcher fetcher = new UploadFetcher(egress);
    jobs.put(TaskKind.UPLOAD_COVER, new UploadCoverJob(uploads, fetcher, work));
    jobs.put(TaskKind.UPLOAD_EXTEND, new UploadExtendJob(uploads, fetcher, work));
    jobs.put(TaskKind.ADD_VOCALS, new AddVocalsJob(uploads, fetcher, work));
    jobs.put(TaskKind.ADD_INSTRUMENTAL, new AddInstrumentalJob(uploads, fetcher, work));
    // pictures and videos: reference images, frames and soundtracks are fetched the same way
    io.backbeat.providers.local.MediaFetcher media = new io.backbeat.providers.local.MediaFetcher(egress);
    io.backbeat.engine.image.ImageStudio images = new io.backbeat.engine.image.ImageStudio();
    jobs.put(TaskKind.IMAGE, new io.backbeat.providers.local.ImageJob(images, media, work));
    jobs.put(TaskKind.VIDEO, new io.backbeat.providers.local.VideoJob(new io.backbeat.engine.video.VideoStudio(images), media, work));
    // work on our own clips reads them from the asset store
    jobs.put(TaskKind.EXTEND, new ExtendJob(uploads, fetcher, sources, work));
    jobs.put(TaskKind.REPLACE_SECTION, new ReplaceSectionJob(uploads, fetcher, sources, work));
    jobs.put(TaskKind.TIMESTAMPED_LYRICS, new TimestampedLyricsJob(sources, work));
    jobs.put(TaskKind.STYLE, new StyleJob());
    jobs.put(TaskKind.PERSONA, new PersonaJob(sources, personas, work));
    // outputs of finished music tasks read their source task's row and assets
    jobs.put(TaskKind.WAV, new WavJob(sources, work));
    jobs.put(TaskKind.STEMS, new StemsJob(sources, work));
    jobs.put(TaskKind.COVER_ART, new CoverArtJob(sources, work));
    jobs.put(TaskKind.MP4, new MusicVideoJob(sources, work));
    // a song may sing only with the caller's own persona (the studio's voice lookup knows no accounts)
    for (TaskKind kind : List.of(TaskKind.SONG, TaskKind.EXTEND, TaskKind.UPLOAD_COVER, TaskKind.UPLOAD_EXTEND, TaskKind.ADD_VOCALS,
        TaskKind.ADD_INSTRUMENTAL, TaskKind.REPLACE_SECTION)) {
      jobs.computeIfPresent(kind, (k, job) -> new io.backbeat.providers.local.OwnPersonaCheck(job, personas::find));
    }
    return new LocalProvider(jobs);
  }

  /** The relay over the usable upstream channels of the config, reported one by one; empty without any. */
  private Optional<RelayProvider> relay(BackbeatConfig config, Transactor transactor, InstantSource clock, Optional<Provider> local) {
    ChannelsConfig channels = config.channels();
    for (ChannelsConfig.Skipped skipped : channels.skipped()) {
      LOG.warn("Channel {} ({}) is skipped: {}", skipped.name(), skipped.type(), skipped.reason());
    }
    if (channels.relays().isEmpty()) {
      return Optional.empty();
    }
    List<RelayChannel> built = new java.util.ArrayList<>();
    for (ChannelConfig channel : channels.relays()) {
      built.add(RelayChannels.build(channel, egressClient, clock, sharedChannelLimits(database, clock)));
      LOG.info("Channel {} ({}, {}) serves {} at priority {} weight {}", channel.name(), channel.type().configName(),
          java.net.URI.create(channel.apiRoot()).getHost(), channel.kinds(), channel.priority(), channel.weight());
    }
    return Optional.of(
        new RelayProvider(
            built,
            channels.locals(),
            local,
            RelayStore.of(transactor),
            new Rehoster(egressClient.newBuilder().field("upstream output").build(), config.storage().dataDir().resolve("work").resolve("relay")),
            config.storage().dataDir().resolve("work").resolve("relay"),
            () -> baseUrl,
            RELAY_SLOTS));
  }

  /** Relay steps are short calls; a node runs this many at once unless {@code workers.slots.relay} says otherwise. */
  private static final int RELAY_SLOTS = 64;

  /** The one list of dialects: each owns its path prefixes, routes, error shape and callbacks. */
  private List<Dialect> dialects(
      TaskCreation creation, CallbackUrlGuard callbackUrls, AssetUrls assetUrls, Transactor transactor, InstantSource clock,
      UpstreamChannels channels) {
    return List.of(
        new SunoDialect(tasks, creation, callbackUrls, assetUrls, new PersonaService(transactor, clock)),
        new DashScopeDialect(tasks, creation, callbackUrls, assetUrls, new TaskQueries(transactor, clock), clock),
        new KlingDialect(tasks, new TaskQueries(transactor, clock), creation, callbackUrls, assetUrls, accounts, clock),
        new io.backbeat.server.dialect.openai.OpenAiVideoDialect(tasks, new TaskQueries(transactor, clock), creation, callbackUrls, assets),
        new NativeDialect(
            accounts, tasks, new TaskQueries(transactor, clock), new CreditService(transactor, clock), egressClient, live, assetUrls, clock,
            channels::view));
  }

  /**
   * Registers every route of every dialect under its path and aliases, behind the dialect's own
   * authentication. Two routes claiming one method and path is a bug, refused at start-up.
   */
  private void registerDialects(RoutesConfig routes, Auth auth) {
    Map<String, String> taken = new HashMap<>();
    for (Dialect dialect : dialects) {
      for (String prefix : dialect.pathPrefixes()) {
        routes.before(prefix + "*", dialect.authentication(auth));
      }
      for (Route route : dialect.routes()) {
        for (String path : route.paths()) {
          String key = route.method().name() + " " + path;
          String owner = taken.putIfAbsent(key, dialect.name());
          if (owner != null) {
            throw new IllegalStateException(key + " is declared by both " + owner + " and " + dialect.name());
          }
          if (dialect.pathPrefixes().stream().noneMatch(path::startsWith)) {
            throw new IllegalStateException(dialect.name() + " declares " + key + " outside its path prefixes " + dialect.pathPrefixes());
          }
          routes.addHttpHandler(route.method(), path, route.handler());
        }
      }
    }
  }

  /** The GET query routes that can answer remembered polls, by every exact path they answer under. */
  private static Map<String, RememberedPoll> rememberedPollRoutes(List<Dialect> dialects) {
    Map<String, RememberedPoll> byPath = new HashMap<>();
    for (Dialect dialect : dialects) {
      for (Route route : dialect.routes()) {
        if (route.method() == io.javalin.http.HandlerType.GET && route.purpose() instanceof Route.QueriesTasks
            && route.handler() instanceof RememberedPoll poll) {
          for (String path : route.paths()) {
            if (path.contains("{") || path.contains("<")) {
              throw new IllegalStateException(path + " has path parameters; remembered polls match exact paths only");
            }
            // a path another dialect's prefix also covers runs that dialect's before-handler too: Javalin answers it
            boolean othersBefore = dialects.stream()
                .anyMatch(other -> other != dialect && other.pathPrefixes().stream().anyMatch(path::startsWith));
            if (!othersBefore) {
              byPath.put(path, poll);
            }
          }
        }
      }
    }
    return byPath;
  }

  public BackbeatApp start() {
    http.start(config.server().port());
    String configured = config.server().publicUrl();
    baseUrl = configured != null ? configured : "http://localhost:" + http.port();
    if (config.runWorkers()) {
      // the sound bank loads once, off the start-up path; /readyz names it once it is there
      Thread.ofVirtual().name("studio-warm-up").start(() -> LOG.info("Local studio plays {}", studio.soundBankDescription()));
      dispatchLoop.start();
      heartbeatLoop.start();
      reaperLoop.start();
    } else {
      LOG.info("Workers are off on this node: it serves the API; other nodes run the tasks");
    }
    webhookLoop.start();
    retentionLoop.start();
    if (callbackCleanupLoop != null) {
      callbackCleanupLoop.start();
    }
    LOG.info("Backbeat listening on port {} (public URL {})", http.port(), baseUrl);
    return this;
  }

  public int port() {
    return http.port();
  }

  public String baseUrl() {
    return baseUrl;
  }

  public AccountService accounts() {
    return accounts;
  }

  public TaskService tasks() {
    return tasks;
  }

  public AssetStore assets() {
    return assets;
  }

  public Database database() {
    return database;
  }

  /** Every dialect this node serves, with its routes (tooling, fuzz tests). */
  public List<Dialect> dialects() {
    return List.copyOf(dialects);
  }

  /** What wakes this node's event streams (tests of cross-node wake-ups look at its version). */
  public LiveEvents liveEvents() {
    return live;
  }

  /**
   * On PostgreSQL the buckets live in the database, so every node sharing it grants one key's limit
   * once between them. A SQLite database has one node, and a write per request there would queue
   * behind every other writer: its buckets stay in memory.
   */
  private static RateLimiter rateLimiter(Database database, InstantSource clock) {
    return database.dialect() == SqlDialect.POSTGRES ? new StoreRateLimiter(database.transactor(), clock) : new InMemoryRateLimiter(clock);
  }

  /**
   * An upstream channel is one upstream account, so on PostgreSQL its rate is shared by every node
   * through the same database buckets; a SQLite node counts its channels' tokens in memory.
   */
  private static Optional<RateLimiter> sharedChannelLimits(Database database, InstantSource clock) {
    return database.dialect() == SqlDialect.POSTGRES ? Optional.of(new StoreRateLimiter(database.transactor(), clock)) : Optional.empty();
  }

  /**
   * On PostgreSQL every node hears every other node's task events: new and rescheduled work wakes
   * this dispatcher, finished tasks wake this node's waiters, and every event wakes its event
   * streams. On SQLite there is one node, and nothing to hear.
   */
  private PostgresWakeUps clusterWakeUps(Database database, TaskWaiter waiter) {
    if (database.dialect() != SqlDialect.POSTGRES) {
      return null;
    }
    return PostgresWakeUps.start(database.dataSource(), new PostgresWakeUps.Listener() {
      @Override
      public void onTaskEvent(String taskId, TaskStatus status) {
        live.wake();
        if (status.isTerminal()) {
          waiter.wake(taskId);
        }
        if (status.isTerminal() || status == TaskStatus.QUEUED) {
          dispatchLoop.wake();
          webhookLoop.wake();
        }
      }

      @Override
      public void onReconnect() {
        live.wake();
        dispatchLoop.wake();
        webhookLoop.wake();
      }
    });
  }

  @Override
  public void close() {
    if (wakeUps != null) {
      wakeUps.close();
    }
    http.stop();
    dispatchLoop.stop();
    dispatcher.releaseAll();
    heartbeatLoop.stop();
    reaperLoop.stop();
    webhookLoop.stop();
    retentionLoop.stop();
    if (callbackCleanupLoop != null) {
      callbackCleanupLoop.stop();
    }
    egressClient.close();
    studio.close();
    if (assets instanceof S3AssetStore s3) {
      s3.close();
    }
    database.close();
  }

  /** A folder by default; an S3 bucket when {@code BACKBEAT_ASSETS=s3://…}. */
  private static AssetStore assetStore(BackbeatConfig.StorageConfig storage) throws IOException {
    BackbeatConfig.S3Config s3 = storage.s3();
    if (s3 == null) {
      return new FsAssetStore(storage.assetsDir());
    }
    S3AssetStore.Settings settings = new S3AssetStore.Settings(s3.bucket(), s3.prefix(), s3.endpoint(), s3.region(), s3.pathStyle());
    LOG.info("Assets in {}", s3);
    return s3.accessKeyId() != null
        ? S3AssetStore.connect(settings, StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())))
        : S3AssetStore.connect(settings);
  }

  private static java.util.function.Function<String, java.net.URI> assetRedirect(BackbeatConfig.StorageConfig storage, AssetStore assets) {
    if (storage.s3() == null || storage.s3().presign() == null || !(assets instanceof S3AssetStore s3)) {
      return null;
    }
    Duration validFor = storage.s3().presign();
    return key -> s3.presignedUrl(key, validFor);
  }

  private static final String RENDERED = "backbeat.error-rendered";
  /** What a client is told to wait during a database outage (the pool gives up after 5 s). */
  private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);
  /** Request bodies are JSON parameters: lyrics up to 5000 characters fit many times over. */
  private static final long MAX_BODY_BYTES = 1_000_000;

  private void renderError(Context ctx, BackbeatException e) {
    ctx.attribute(RENDERED, Boolean.TRUE);
    BackbeatException safe =
        new BackbeatException(e.error(), Redactor.redact(e.getMessage()), e.retryAfter());
    if (safe.retryAfter() != null) {
      ctx.header("Retry-After", Long.toString(Math.max(1, (safe.retryAfter().toMillis() + 999) / 1000)));
    }
    dialectFor(ctx.path()).renderError(ctx, safe);
  }

  /** The dialect a path belongs to; paths under no dialect's prefix answer in the native shape. */
  private Dialect dialectFor(String path) {
    Dialect fallback = null;
    for (Dialect dialect : dialects) {
      for (String prefix : dialect.pathPrefixes()) {
        if (path.startsWith(prefix)) {
          return dialect;
        }
      }
      if (dialect.name().equals(NativeDialect.NAME)) {
        fallback = dialect;
      }
    }
    return fallback;
  }

  private static String nodeId() {
    String pid = ManagementFactory.getRuntimeMXBean().getName();
    return pid + "/" + UUID.randomUUID().toString().substring(0, 8);
  }
}
