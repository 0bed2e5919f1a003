package io.backbeat.core.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.task.Stage;
import java.time.InstantSource;

/** What the host lends a provider while it runs one step of one task. */
public interface TaskContext {

  AssetStore assets();

  /** The host's clock: providers never read the system time themselves. */
  InstantSource clock();

  /**
   * Records an intermediate stage with the results so far (lyrics ready, first clip playable).
   * Returns false when the task is no longer this run's (canceled, lease lost): stop working.
   */
  boolean reachStage(Stage stage, ObjectNode result);

  /** True once the task was canceled or this run lost its lease; long work should check it often. */
  boolean isAbandoned();

  /** The handle as it was when this step started, with any changes this step saved since. */
  ProviderHandle handle();

  /**
   * Durably saves provider state in the task row. Returns false when the task is no longer this
   * run's: the write did not happen, and the step should stop.
   */
  boolean saveHandle(ProviderHandle handle);

  /** Durably records that an upstream submit on {@code channel} is about to be sent. Call it before the call. */
  default boolean recordIntent(String channel) {
    return saveHandle(handle().withIntent(channel));
  }

  /** Durably records how the submit ended. Call it right after the call, before anything else. */
  default boolean recordOutcome(SubmitOutcome outcome) {
    return saveHandle(handle().withOutcome(outcome));
  }
}
