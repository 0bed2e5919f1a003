package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The jobs that make an output of a finished music task (WAV, stems, cover art, video): each works
 * in its own folder under the work directory, removed afterwards, and stores what it makes under
 * the output task's own asset keys.
 */
abstract class OutputJob implements LocalJob {
  static final ObjectMapper MAPPER = new ObjectMapper();

  final SourceTasks sources;
  private final Path workDir;

  OutputJob(SourceTasks sources, Path workDir) {
    this.sources = requireNonNull(sources, "sources is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  @Override
  public final Step run(Task task, TaskContext context) throws Exception {
    Path dir = Files.createDirectories(workDir.resolve(task.id()));
    try {
      return make(task, context, dir);
    } catch (TaskFailedException e) {
      return Step.fail(e.code(), e.getMessage());
    } finally {
      deleteRecursively(dir);
    }
  }

  abstract Step make(Task task, TaskContext context, Path dir) throws Exception;

  static String put(AssetStore assets, Task task, String file, Path source) throws IOException {
    String key = AssetKeys.of(task.id(), file);
    assets.put(key, source, AssetKeys.contentTypeOf(file));
    return key;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
