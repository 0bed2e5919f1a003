package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.EgressPolicy;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.testkit.SettableClock;
import io.backbeat.storage.asset.fs.FsAssetStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the image and video job tests share: a real loopback HTTP server serving files with a chosen
 * content type, an egress client allowed to reach it, a file asset store and a task context that
 * can be told to abandon the task after some checks.
 */
final class MediaJobHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  record Served(byte[] body, String type, int status) {}

  final HttpServer server;
  final Map<String, Served> files = new ConcurrentHashMap<>();
  final EgressHttpClient egress = new EgressHttpClient(EgressPolicy.defaults(true));
  final FsAssetStore assets;
  final Path work;

  MediaJobHarness(Path dir) throws IOException {
    assets = new FsAssetStore(dir.resolve("assets"));
    work = dir.resolve("work");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      Served served = files.get(exchange.getRequestURI().getPath());
      if (served == null) {
        served = new Served("missing".getBytes(), "text/plain", 404);
      }
      exchange.getResponseHeaders().add("Content-Type", served.type());
      exchange.sendResponseHeaders(served.status(), served.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(served.body());
      }
    });
    server.start();
  }

  String serve(String path, byte[] body, String type) {
    files.put(path, new Served(body, type, 200));
    return url(path);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  static Task task(TaskSpec spec) {
    return Task.queued(TaskIds.newId(), "acct", "key", "dashscope", "dashscope.test", LocalProvider.NAME, spec,
        JSON.createObjectNode(), T0);
  }

  byte[] asset(String key) throws IOException {
    try (InputStream in = assets.open(key, 0)) {
      return in.readAllBytes();
    }
  }

  Context context() {
    return new Context(assets, Integer.MAX_VALUE);
  }

  /** A context that reports the task abandoned from the {@code checks}-th check on. */
  Context abandoningAfter(int checks) {
    return new Context(assets, checks);
  }

  static final class Context implements TaskContext {
    private final AssetStore assets;
    private final int abandonAt;
    final AtomicInteger checks = new AtomicInteger();

    Context(AssetStore assets, int abandonAt) {
      this.assets = assets;
      this.abandonAt = abandonAt;
    }

    @Override
    public AssetStore assets() {
      return assets;
    }

    @Override
    public InstantSource clock() {
      return new SettableClock(T0);
    }

    @Override
    public boolean reachStage(Stage stage, ObjectNode result) {
      return checks.incrementAndGet() < abandonAt;
    }

    @Override
    public boolean isAbandoned() {
      return checks.incrementAndGet() >= abandonAt;
    }

    @Override
    public ProviderHandle handle() {
      return ProviderHandle.NONE;
    }

    @Override
    public boolean saveHandle(ProviderHandle handle) {
      throw new AssertionError("local jobs keep no provider state");
    }
  }

  @Override
  public void close() {
    server.stop(0);
    egress.close();
  }
}
