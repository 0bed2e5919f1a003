package io.backbeat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.ServerProcess;
import io.backbeat.server.testing.Signatures;
import io.backbeat.server.testing.TestServer;
import io.backbeat.storage.Database;
import io.backbeat.storage.PostgresServer;
import io.backbeat.storage.S3MockServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three {@code serve} processes on one PostgreSQL and one S3 bucket take {@code cluster.tasks}
 * (default 1,000: about 70 s on an idle 2-core machine; fewer with -Dcluster.tasks=N on a loaded one)
 * creates spread across them; one is {@code kill -9}ed a third of the way in. Most are Suno lyrics
 * (with callbacks); every {@value #IMAGE_EVERY}th is a small synchronous DashScope image, whose
 * PNG lands in S3. Every accepted task must end exactly once, every callback arrive signed, every
 * credit hold move exactly once, no other task exist, and every image download from every live
 * node with the same bytes. A client whose node died retries on another with the same {@code
 * Idempotency-Key}, as a real client behind a load balancer would.
 */
@Tag("e2e")
class ClusterKillTest {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterKillTest.class);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int TASKS = Integer.getInteger("cluster.tasks", 1000);
  private static final int CLIENTS = 8;
  /** Every this many tasks is a DashScope image (512 × 512, a few hundred kB) instead of lyrics. */
  static final int IMAGE_EVERY = 50;
  private static final String DASHSCOPE_IMAGE = "/dashscope/v1/services/aigc/multimodal-generation/generation";

  @TempDir Path dir;

  @Test
  void three_nodes_one_killed_mid_run_every_task_ends_once_with_its_callback_and_one_ledger_movement() throws Exception {
    String db = PostgresServer.newDatabaseUrl();
    String prefix = "cluster-" + UUID.randomUUID();
    Files.createDirectories(dir.resolve("home"));
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      List<Integer> ports = List.of(ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort());
      List<ServerProcess> nodes = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          nodes.add(ServerProcess.start(nodeEnv(db, prefix, ports.get(i), i), dir, "serve"));
        }
        for (ServerProcess node : nodes) {
          node.awaitLine("Backbeat is running at", Duration.ofSeconds(300)); // three JVMs starting at once on 2 cores
        }
        long credits = TASKS + 100L;
        String key;
        try (ServerProcess keys = ServerProcess.start(nodeEnv(db, prefix, 0, 9), dir, "keys", "create", "--name", "shop", "--credits", Long.toString(credits))) {
          assertThat(keys.waitFor(Duration.ofSeconds(120))).as(keys.tail()).isZero();
          key = keys.stdout().get(keys.stdout().size() - 1);
        }
        List<String> bases = ports.stream().map(p -> "http://127.0.0.1:" + p).toList();
        String secret = TestServer.JSON.readTree(get(bases.get(0) + "/v1/account", key).body()).path("webhookSecret").asText();
        // as a real receiver does: each callback is verified when it arrives (a signature's timestamp
        // is only good for 5 minutes, and on a loaded machine the run can take longer than that)
        CallbackChecker checker = new CallbackChecker(receiver, secret);
        Thread checking = Thread.ofVirtual().start(checker);
        Set<String> alive = ConcurrentHashMap.newKeySet();
        alive.addAll(bases);

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, String> imagePaths = new ConcurrentHashMap<>(); // task id -> /assets/… path of its PNG
        AtomicInteger next = new AtomicInteger();
        AtomicInteger retriedElsewhere = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        long began = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
          clients.add(Thread.ofVirtual().start(() -> {
            int n;
            while ((n = next.getAndIncrement()) < TASKS) {
              accepted.add(create(bases, alive, key, n, receiver.url("/cb"), retriedElsewhere, imagePaths));
            }
          }));
        }
        while (accepted.size() < TASKS / 3) {
          Thread.sleep(20);
        }
        alive.remove(bases.get(1));
        nodes.get(1).kill9();
        int atKill = accepted.size();
        LOG.info("killed node 2 with {} of {} tasks accepted", atKill, TASKS);
        for (Thread client : clients) {
          client.join();
        }
        LOG.info("{} creates answered in {} s", accepted.size(), Duration.ofNanos(System.nanoTime() - began).toSeconds());
        assertThat(accepted).hasSize(TASKS);
        assertThat(atKill).as("the kill happened mid-run").isLessThan(TASKS);

        Set<String> lyrics = accepted.stream().filter(id -> !imagePaths.containsKey(id)).collect(Collectors.toSet());
        Set<String> calledBack = checker.awaitAll(lyrics, Duration.ofSeconds(180));
        checking.interrupt();
        assertThat(checker.badSignatures).as("every callback's signature verified on arrival").isEmpty();
        LOG.info("{} retried on another node; {} callbacks received for {} tasks", retriedElsewhere.get(), receiver.all().size(), TASKS);
        assertThat(calledBack).as("every lyrics task's complete callback, signed").isEqualTo(lyrics);
        int images = imagePaths.size();
        assertThat(images).isEqualTo((TASKS + IMAGE_EVERY - 1) / IMAGE_EVERY);
        assertEveryImageReadableFromEveryNode(imagePaths, alive);

        try (Database database = Database.open(db)) {
          var jdbi = database.jdbi();
          Map<String, String> statuses = jdbi.withHandle(h -> h.createQuery("SELECT id, status FROM task")
              .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("status"))).list())
              .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
          assertThat(statuses.keySet()).as("every accepted task exists, and no other").isEqualTo(accepted);
          assertThat(Set.copyOf(statuses.values())).containsExactly("succeeded");
          List<Integer> terminal = jdbi.withHandle(h -> h.createQuery(
                  "SELECT COUNT(*) FROM task_event WHERE status IN ('succeeded','failed','canceled') GROUP BY task_id")
              .mapTo(Integer.class).list());
          assertThat(terminal).hasSize(TASKS).containsOnly(1);
          Map<String, Integer> movements = jdbi.withHandle(h -> h.createQuery(
                  "SELECT kind, COUNT(*) AS n, COUNT(DISTINCT task_id) AS tasks FROM ledger_entry WHERE task_id IS NOT NULL GROUP BY kind")
              .map((rs, ctx) -> Map.entry(rs.getString("kind") + ":" + rs.getInt("tasks"), rs.getInt("n"))).list())
              .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
          assertThat(movements).as("one hold and one settle per task, no refund").isEqualTo(Map.of("hold:" + TASKS, TASKS, "settle:" + TASKS, TASKS));
        }
        JsonNode balance = TestServer.JSON.readTree(get(bases.get(2) + "/v1/account", key).body()).path("credits");
        assertThat(balance.path("balance").asLong()).isEqualTo(credits - lyrics.size() - 2L * images); // lyrics cost 1 credit, an image 2
      } finally {
        for (ServerProcess node : nodes) {
          node.close();
        }
      }
    }
  }

  private Map<String, String> nodeEnv(String db, String prefix, int port, int index) {
    Map<String, String> env = new HashMap<>();
    env.put("BACKBEAT_PORT", Integer.toString(port));
    env.put("BACKBEAT_HOST", "127.0.0.1");
    env.put("BACKBEAT_DATA", dir.resolve("node-" + index).toString());
    env.put("BACKBEAT_DB_URL", db);
    env.put("BACKBEAT_ASSETS", "s3://" + S3MockServer.BUCKET + "/" + prefix);
    env.put("BACKBEAT_S3_ENDPOINT", S3MockServer.endpoint().toString());
    env.put("BACKBEAT_S3_PATH_STYLE", "true");
    env.put("AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY);
    env.put("BACKBEAT_EGRESS_ALLOW_PRIVATE", "true");
    env.put("BACKBEAT_LEASE", "5s");
    env.put("BACKBEAT_RATE_CREATE", "100000/100000");
    env.put("BACKBEAT_WEBHOOK_TIMEOUT", "3s");
    env.put("BACKBEAT_WEBHOOK_RETRY_SCHEDULE", "200ms,500ms,1s,1s,2s,2s,2s,2s");
    return env;
  }

  /**
   * Creates task {@code n} on a live node, retrying on another with the same Idempotency-Key; an
   * image's path is put in {@code imagePaths}. The synchronous image answer names no task id, so
   * the id is read from its asset key ({@code <taskId>/image-0.png}).
   */
  private static String create(
      List<String> bases, Set<String> alive, String key, int n, String callbackUrl, AtomicInteger retried, Map<String, String> imagePaths) {
    boolean image = n % IMAGE_EVERY == 0;
    String idempotencyKey = "cluster-" + n;
    String path = image ? DASHSCOPE_IMAGE : "/suno/generate-lyrics";
    String body =
        image
            ? "{\"model\":\"qwen-image-2.0\",\"input\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"cluster image " + n
                + "\"}]}]},\"parameters\":{\"size\":\"512*512\"}}"
            : "{\"prompt\":\"cluster task " + n + "\",\"callBackUrl\":\"" + callbackUrl + "\"}";
    for (int attempt = 0; attempt < 20; attempt++) {
      String base = bases.get((n + attempt) % bases.size());
      if (!alive.contains(base)) {
        continue;
      }
      try {
        HttpResponse<String> response = HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .timeout(Duration.ofSeconds(image ? 120 : 30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        JsonNode answer = TestServer.JSON.readTree(response.body());
        if (image && response.statusCode() == 200) {
          String assetPath = URI.create(answer.path("output").path("choices").get(0).path("message").path("content").get(0).path("image").asText()).getPath();
          String taskId = assetPath.substring("/assets/".length(), assetPath.indexOf('/', "/assets/".length()));
          imagePaths.put(taskId, assetPath);
          return taskId;
        }
        if (!image && response.statusCode() == 200 && answer.path("code").asInt() == 200) {
          return answer.path("data").path("taskId").asText();
        }
        throw new AssertionError("create " + n + " on " + base + ": " + response.statusCode() + " " + response.body());
      } catch (IOException e) {
        retried.incrementAndGet(); // that node died under us: another node answers for the same key
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("create " + n + " reached no live node");
  }

  /** Each image, fetched from every live node: a 512 × 512 PNG (as ImageIO reads it), the same bytes everywhere. */
  private static void assertEveryImageReadableFromEveryNode(Map<String, String> imagePaths, Set<String> alive) throws Exception {
    for (Map.Entry<String, String> image : imagePaths.entrySet()) {
      byte[] first = null;
      for (String base : alive) {
        HttpResponse<byte[]> download =
            HTTP.send(HttpRequest.newBuilder(URI.create(base + image.getValue())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).as("task %s's image from %s", image.getKey(), base).isEqualTo(200);
        if (first == null) {
          first = download.body();
          BufferedImage png = ImageIO.read(new ByteArrayInputStream(first));
          assertThat(png).as("task %s's image decodes", image.getKey()).isNotNull();
          assertThat(png.getWidth()).isEqualTo(512);
          assertThat(png.getHeight()).isEqualTo(512);
        } else {
          assertThat(download.body()).as("task %s's image from %s", image.getKey(), base).isEqualTo(first);
        }
      }
    }
  }

  /** Verifies every callback the receiver gets as it arrives, and collects the tasks whose complete callback came. */
  private static final class CallbackChecker implements Runnable {
    private final CallbackReceiver receiver;
    private final String secret;
    final Set<String> completed = ConcurrentHashMap.newKeySet();
    final List<String> badSignatures = new CopyOnWriteArrayList<>();

    CallbackChecker(CallbackReceiver receiver, String secret) {
      this.receiver = receiver;
      this.secret = secret;
    }

    @Override
    public void run() {
      int checked = 0;
      while (!Thread.currentThread().isInterrupted()) {
        List<CallbackReceiver.Received> all = receiver.all();
        for (; checked < all.size(); checked++) {
          CallbackReceiver.Received r = all.get(checked);
          try {
            Signatures.verify(secret, r);
            JsonNode data = TestServer.JSON.readTree(r.body()).path("data");
            if (data.path("callbackType").asText().equals("complete")) {
              completed.add(data.path("taskId").asText());
            }
          } catch (Exception e) {
            badSignatures.add(e + ": " + r.body());
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    Set<String> awaitAll(Set<String> taskIds, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!completed.containsAll(taskIds) && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      return Set.copyOf(completed);
    }
  }

  private static HttpResponse<String> get(String url, String key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
