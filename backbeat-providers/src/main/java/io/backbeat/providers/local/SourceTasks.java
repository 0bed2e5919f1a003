package io.backbeat.providers.local;

import io.backbeat.core.task.Task;
import java.util.Optional;

/**
 * Reads the music task an output task (WAV, stems, cover art, video) is made from. The host wires it
 * to the task store; the job checks ownership and state itself ({@link SourceClip#resolve}).
 */
@FunctionalInterface
public interface SourceTasks {
  Optional<Task> find(String taskId);
}
