package io.backbeat.core.store;

import io.backbeat.core.provider.UpstreamCallback;
import java.time.Instant;
import java.util.List;

/** Callbacks received from upstream providers, once each. */
public interface UpstreamCallbackStore {

  /** Records the callback unless one with its channel and dedupe key exists; false for a duplicate. */
  boolean record(UpstreamCallback callback);

  /** The callbacks recorded for a task, oldest first. */
  List<UpstreamCallback> forTask(String taskId);

  /** Deletes callbacks received before {@code cutoff} (they only matter while their task runs). */
  int deleteReceivedBefore(Instant cutoff);
}
