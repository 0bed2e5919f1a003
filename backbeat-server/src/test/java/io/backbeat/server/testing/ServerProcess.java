package io.backbeat.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** {@code backbeat serve} (or another subcommand) as a separate JVM, as an operator runs it. */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread.ofVirtual().start(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          stdout.add(line);
        }
      } catch (IOException ignored) {
        // the process was killed
      }
    });
  }

  /** Starts {@code io.backbeat.server.Main <args>} with this test's classpath and the given environment. */
  public static ServerProcess start(Map<String, String> env, Path workDir, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("--add-exports");
    command.add("java.desktop/com.sun.media.sound=ALL-UNNAMED");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Xmx512m");
    command.add("-Duser.home=" + workDir.resolve("home"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.backbeat.server.Main");
    command.addAll(List.of(args));
    Path log = workDir.resolve("server-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("BACKBEAT_"));
    builder.environment().putAll(env);
    return new ServerProcess(builder.start(), log);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits for a stdout line containing {@code text}; returns it. */
  public String awaitLine(String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : stdout) {
        if (line.contains(text)) {
          return line;
        }
      }
      if (!process.isAlive() && stdout.stream().noneMatch(l -> l.contains(text))) {
        Thread.sleep(200);
        throw new AssertionError("process exited (" + process.exitValue() + ") before printing '" + text + "'; stdout: " + stdout + "; log: " + tail());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no line '" + text + "' within " + timeout + "; stdout: " + stdout + "; log: " + tail());
  }

  public List<String> stdout() {
    return List.copyOf(stdout);
  }

  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("process did not exit within " + timeout);
    }
    Thread.sleep(100); // let the reader thread drain stdout
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no cleanup, exactly like a crash. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public String tail() {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  public Path logFile() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill9();
      }
    }
  }
}
