package io.backbeat.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A JVM started by the benchmark (the server or its anchor), in this process tree, stopped at the end. */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final long startedNanos;

  private ChildProcess(Process process, long startedNanos) {
    this.process = process;
    this.startedNanos = startedNanos;
  }

  static ChildProcess start(List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long started = System.nanoTime();
    return new ChildProcess(builder.start(), started);
  }

  /** Polls {@code GET /readyz} every 5 ms; returns the time from start to the first 200. */
  Duration awaitReady(int port, Duration max) throws Exception {
    InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
    byte[] request = LoadGenerator.request("GET", "/readyz", null);
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the process on port " + port + " exited with " + process.exitValue() + " before it was ready");
      }
      try {
        if (LoadGenerator.once(target, request).status() == 200) {
          return Duration.ofNanos(System.nanoTime() - startedNanos);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("the process on port " + port + " was not ready within " + max);
  }

  /** Resident set size from /proc (Linux); -1 where unknown. */
  long rssBytes() {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) { // the JVM writes its AOT cache or class-data archive on exit
      process.destroyForcibly().waitFor();
    }
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
