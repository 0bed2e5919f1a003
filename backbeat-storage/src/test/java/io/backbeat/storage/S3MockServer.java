package io.backbeat.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One real S3-protocol server for the whole test run: Adobe S3Mock's executable jar (copied into
 * {@code target/s3mock} by the build), started as its own process on a free loopback port with an
 * empty bucket. It accepts any credentials and speaks path-style only.
 */
public final class S3MockServer {
  public static final String BUCKET = "backbeat-test";
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key";

  private static Process process;
  private static URI endpoint;

  private S3MockServer() {}

  /** The endpoint of the running server, starting it on first use. */
  public static synchronized URI endpoint() {
    if (process == null || !process.isAlive()) {
      start();
    }
    return endpoint;
  }

  /** Stops the server (an object store outage); {@link #endpoint()} starts it again on the same port. */
  public static synchronized void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void start() {
    Path jar = locateJar();
    int port = endpoint != null ? endpoint.getPort() : freePort();
    Path work = Path.of("target", "s3mock").toAbsolutePath();
    try {
      Path root = Files.createDirectories(work.resolve("root-" + ProcessHandle.current().pid()));
      Path log = work.resolve("s3mock-" + ProcessHandle.current().pid() + ".log");
      List<String> command = List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
          "-jar", jar.toString(),
          "--http.port=" + port,
          "--server.port=0",
          "--server.address=127.0.0.1",
          "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
          "--com.adobe.testing.s3mock.store.root=" + root,
          "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
          "--logging.level.root=WARN");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Process started = process;
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
      endpoint = URI.create("http://127.0.0.1:" + port);
      awaitUp(log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start S3Mock from " + jar, e);
    }
  }

  private static void awaitUp(Path log) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("S3Mock exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(2_000);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for S3Mock", e);
      }
    }
    throw new IOException("S3Mock did not answer within 90 s; log: " + log);
  }

  private static Path locateJar() {
    String configured = System.getProperty("backbeat.s3mock.jar");
    for (Path candidate : configured != null
        ? List.of(Path.of(configured))
        : List.of(Path.of("target", "s3mock", "s3mock.jar"), Path.of("..", "backbeat-storage", "target", "s3mock", "s3mock.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException("no S3Mock jar: the build copies it to target/s3mock/s3mock.jar (generate-test-resources)");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
