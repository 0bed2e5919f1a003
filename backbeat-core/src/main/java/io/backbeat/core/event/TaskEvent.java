package io.backbeat.core.event;

import io.backbeat.core.task.Stage;
import io.backbeat.core.task.TaskStatus;
import java.time.Instant;

/**
 * One state change of one task: a line of its timeline and an item of the live event stream.
 *
 * @param seq global, increasing sequence number (0 before it is stored); the SSE event id
 */
public record TaskEvent(
    long seq, String taskId, String accountId, TaskStatus status, Stage stage, String reason, Instant at) {}
