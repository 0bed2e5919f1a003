package io.backbeat.core.event;

/**
 * Told of every committed task event, after the commit. Listeners must be fast and must not throw:
 * metrics, live streams and the dashboard are listeners.
 */
public interface TaskListener {
  TaskListener NONE = event -> {};

  void onEvent(TaskEvent event);
}
