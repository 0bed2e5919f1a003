package io.backbeat.providers.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.account.Principal;
import io.backbeat.core.billing.CreditService;
import io.backbeat.core.billing.PriceTable;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.EgressPolicy;
import io.backbeat.core.http.EgressResponse;
import io.backbeat.core.http.Interceptor;
import io.backbeat.core.moderation.ContentPolicy;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.queue.Dispatcher;
import io.backbeat.core.queue.DispatcherConfig;
import io.backbeat.core.queue.LeaseReaper;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.service.NewTask;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.testkit.SettableClock;
import io.backbeat.storage.Database;
import io.backbeat.storage.asset.fs.FsAssetStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The relay as production wires it, in one test: a real SQLite database, the real task service,
 * dispatcher and lease reaper on a settable clock, the relay provider over real egress clients to
 * fake upstreams on loopback, and a real HTTP endpoint for upstream callbacks. Steps run in the
 * calling thread unless a test kills a node: then that node's steps run on their own threads and
 * hang (as a killed process would stop) right after an upstream answered.
 */
final class RelayHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(30);
  static final long CREDITS = 1_000_000;

  final SettableClock clock;
  final Database database;
  final Transactor transactor;
  final FsAssetStore assets;
  final EgressHttpClient root;
  final EgressHttpClient shared;
  final RelayProvider relay;
  final List<Provider> providers;
  final RelayCallbacks callbacks;
  final TaskService tasks;
  final Dispatcher healthy;
  final LeaseReaper reaper;
  final Principal principal;
  final DispatcherConfig config = new DispatcherConfig(Map.of(), LEASE, 20, Duration.ofSeconds(2));
  final Map<RelayCallbacks.Verdict, AtomicInteger> verdicts = new ConcurrentHashMap<>();
  private final HttpServer callbackServer;
  private final Killer killer = new Killer();
  private final List<Dispatcher> doomed = new ArrayList<>();
  private int deaths;

  RelayHarness(Path dir, List<ChannelConfig> channels, SettableClock clock) throws IOException {
    this(dir, channels, clock, java.util.Optional.empty());
  }

  /**
   * @param studio the local studio of the config's {@code local} channels (those of {@code
   *     channels} whose type is local), registered as a provider beside the relay as the server does
   */
  RelayHarness(Path dir, List<ChannelConfig> channels, SettableClock clock, java.util.Optional<Provider> studio) throws IOException {
    this.clock = clock;
    database = Database.open("jdbc:sqlite:" + dir.resolve("db").resolve("backbeat.db"));
    transactor = database.transactor();
    assets = new FsAssetStore(dir.resolve("assets"));
    root = new EgressHttpClient(EgressPolicy.defaults(true));
    shared = root.newBuilder().addInterceptor(killer).build();
    callbackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    callbackServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    List<RelayChannel> relays = new ArrayList<>();
    // the channels' clock moves a little on every read, as a real one does: code that reads it twice
    // and compares must not depend on the two reads being equal (the dispatcher's stays settable)
    AtomicLong ticks = new AtomicLong();
    java.time.InstantSource moving = () -> clock.instant().plusNanos(1_000 * ticks.incrementAndGet());
    List<ChannelConfig> locals = new ArrayList<>();
    for (ChannelConfig channel : channels) {
      if (channel.type().isRelay()) {
        relays.add(RelayChannels.build(channel, shared, moving));
      } else {
        locals.add(channel);
      }
    }
    RelayStore store = RelayStore.of(transactor);
    relay =
        new RelayProvider(relays, locals, studio, store, new Rehoster(shared, dir.resolve("work")), dir.resolve("work"),
            () -> "http://127.0.0.1:" + callbackServer.getAddress().getPort(), 64);
    providers = new ArrayList<>(List.of(relay));
    studio.ifPresent(providers::add);
    tasks = new TaskService(transactor, clock, providers, Map.of(), PriceTable.DEFAULT, ContentPolicy.ALLOW_ALL);
    healthy = dispatcher("node-healthy", Runnable::run);
    reaper = new LeaseReaper(tasks, transactor, providers, clock, config);
    callbacks = new RelayCallbacks(relay, store, clock, () -> {});
    callbackServer.createContext("/callbacks/", exchange -> {
      try {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        byte[] body = exchange.getRequestBody().readAllBytes();
        RelayCallbacks.Verdict verdict =
            parts.length == 5 ? callbacks.receive(parts[2], parts[3], parts[4], body) : RelayCallbacks.Verdict.NOT_FOUND;
        verdicts.computeIfAbsent(verdict, v -> new AtomicInteger()).incrementAndGet();
        int status = switch (verdict) {
          case WOKEN, DUPLICATE -> 200;
          case MALFORMED -> 400;
          case UNAUTHORIZED -> 401;
          case NOT_FOUND -> 404;
        };
        byte[] answer = ("{\"status\":\"" + verdict.name().toLowerCase() + "\"}").getBytes();
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      } finally {
        exchange.close();
      }
    });
    callbackServer.start();
    AccountService.CreatedKey created = new AccountService(transactor, clock).createAccount("relay-test", false);
    principal = new Principal(created.account().id(), created.key().id());
    new CreditService(transactor, clock).topUpOrMeter(principal.accountId(), CREDITS);
  }

  Dispatcher dispatcher(String owner, Executor executor) {
    Dispatcher dispatcher = new Dispatcher(tasks, transactor, providers, assets, clock, config, owner, executor);
    tasks.addListener(dispatcher);
    return dispatcher;
  }

  Task create(TaskSpec spec) {
    return tasks.create(new NewTask(principal, "native", "test", spec, JSON.createObjectNode()));
  }

  Task find(String id) {
    return transactor.inTransaction(tx -> tx.tasks().find(id)).orElseThrow();
  }

  List<String> ledger(String taskId) {
    return database.jdbi().withHandle(h ->
        h.createQuery("SELECT kind FROM ledger_entry WHERE task_id = :id ORDER BY id").bind("id", taskId).mapTo(String.class).list());
  }

  long balance() {
    return new CreditService(transactor, clock).balance(principal.accountId()).orElseThrow();
  }

  /** Moves time on in 2 s steps, delivering the upstreams' callbacks and running due steps, until the task ends. */
  Task runToEnd(String taskId, int maxRounds, io.backbeat.providers.fake.FakeUpstream... upstreams) {
    for (int round = 0; round < maxRounds; round++) {
      for (io.backbeat.providers.fake.FakeUpstream upstream : upstreams) {
        upstream.deliverCallbacks();
      }
      runOnce();
      Task task = find(taskId);
      if (task.status().isTerminal()) {
        return task;
      }
      clock.advance(Duration.ofSeconds(2));
    }
    throw new AssertionError("task " + taskId + " did not end: " + find(taskId));
  }

  /** One round of a healthy node: whatever is due runs now, in this thread. */
  Duration runOnce() {
    reaper.runOnce();
    return healthy.runOnce();
  }

  /**
   * A node claims what is due and dies mid-step: each of its steps hangs right after its first
   * upstream answer (or finishes if it makes no upstream call), and it never renews a lease. Then
   * the lease runs out and the reaper hands its tasks back; returns how many it took down with it.
   */
  int killANodeMidStep() {
    String owner = "node-doomed-" + ++deaths;
    killer.doom(owner);
    Dispatcher node = dispatcher(owner, command -> Thread.ofVirtual().name(owner + "-step").start(command));
    doomed.add(node);
    node.runOnce();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (node.activeCount() > killer.hung(owner) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
    int lost = node.activeCount();
    clock.advance(LEASE.plusSeconds(1));
    reaper.runOnce();
    return lost;
  }

  /** Lets hung steps of dead nodes go on (a paused process waking up): they must find they lost their tasks. */
  void reviveTheDead() {
    killer.release();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (doomed.stream().anyMatch(d -> d.activeCount() > 0) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
  }

  @Override
  public void close() {
    reviveTheDead();
    callbackServer.stop(0);
    root.close();
    database.close();
  }

  /** Hangs, after the answer arrived, every upstream call made from a doomed node's step threads. */
  static final class Killer implements Interceptor {
    private final Map<String, AtomicInteger> hung = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    void doom(String owner) {
      hung.put(owner, new AtomicInteger());
    }

    int hung(String owner) {
      AtomicInteger n = hung.get(owner);
      return n == null ? 0 : n.get();
    }

    void release() {
      released.countDown();
    }

    @Override
    public EgressResponse intercept(Chain chain) throws IOException {
      EgressResponse response = chain.proceed(chain.request());
      String thread = Thread.currentThread().getName();
      for (Map.Entry<String, AtomicInteger> node : hung.entrySet()) {
        if (thread.startsWith(node.getKey() + "-")) {
          node.getValue().incrementAndGet();
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          response.close();
          throw new IOException("this node was killed mid-step");
        }
      }
      return response;
    }
  }
}
