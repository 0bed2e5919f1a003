package io.backbeat.core.store;

import io.backbeat.core.event.TaskEvent;
import java.util.List;

/** The timeline of every task's state changes; also the feed for live events (SSE). */
public interface TaskEventStore {

  /** Appends an event and returns it with its global sequence number. */
  TaskEvent append(TaskEvent event);

  List<TaskEvent> forTask(String taskId);

  /** Events of one account after {@code afterSeq}, oldest first. */
  List<TaskEvent> forAccountAfter(String accountId, long afterSeq, int limit);

  /** The account's newest sequence number, 0 when it has no event: a stream cursor for "from now on". */
  long latestSeq(String accountId);
}
