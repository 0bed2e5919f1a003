package io.backbeat.bench.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on, as printed in docs/benchmarks.md.
 *
 * @param cpus what {@code nproc} reports (the processors this JVM may use)
 * @param load the 1-minute load average when the run started (other work on the machine)
 */
public record Machine(int cpus, String cpuModel, String ram, String jdk, String os, String maxHeap,
    double load) {

  /** Reads /proc and the JVM's properties; unknown values read "unknown". */
  public static Machine detect() {
    Runtime runtime = Runtime.getRuntime();
    String jdk = System.getProperty("java.vm.vendor", "?") + " "
        + System.getProperty("java.runtime.version", System.getProperty("java.version", "?"));
    String os = osRelease() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
        + ", " + System.getProperty("os.arch") + ")";
    return new Machine(runtime.availableProcessors(), readCpuModel(), readRam(), jdk, os,
        gib(runtime.maxMemory()), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  private static String readCpuModel() {
    return field(Path.of("/proc/cpuinfo"), "model name", ':').orElse("unknown");
  }

  private static String readRam() {
    // MemTotal is in kB.
    return field(Path.of("/proc/meminfo"), "MemTotal", ':')
        .map(v -> gib(Long.parseLong(v.replace("kB", "").strip()) * 1024))
        .orElse("unknown");
  }

  private static String osRelease() {
    return field(Path.of("/etc/os-release"), "PRETTY_NAME", '=').map(v -> v.replace("\"", "")).orElse("unknown");
  }

  private static java.util.Optional<String> field(Path file, String name, char separator) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException | SecurityException e) {
      return java.util.Optional.empty();
    }
    for (String line : lines) {
      int at = line.indexOf(separator);
      if (at > 0 && line.substring(0, at).strip().equals(name)) {
        return java.util.Optional.of(line.substring(at + 1).strip());
      }
    }
    return java.util.Optional.empty();
  }
}
