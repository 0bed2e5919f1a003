package io.backbeat.core.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;

/** What the host lends a provider while it runs one task. */
public interface TaskContext {

  AssetStore assets();

  /**
   * Records an intermediate stage with the results so far (lyrics ready, first clip playable).
   * Returns false when the task is no longer this run's (canceled, lease lost): stop working.
   */
  boolean reachStage(Stage stage, ObjectNode result);

  /** Finishes the task with its final result. Returns false when the task was no longer this run's. */
  boolean succeed(ObjectNode result);

  /** Fails the task for good. Returns false when the task was no longer this run's. */
  boolean fail(FailureCode code, String message);

  /** True once the task was canceled or this run lost its lease; long work should check it often. */
  boolean isAbandoned();
}
