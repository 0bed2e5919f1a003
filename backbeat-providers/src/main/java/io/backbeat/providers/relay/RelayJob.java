package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.TaskSpec;
import java.time.Instant;

/**
 * One task as an upstream client sees it: the spec to submit, on which channel, where the upstream
 * should call back, and the upstream names of its source clip.
 *
 * @param callbackUrl our callback URL for this task on this channel, or null (none to give)
 * @param source the source clip's upstream ids, or null when the kind has no source clip
 * @param intentAt when the submit was (or is about to be) sent: the reconcile window starts here
 * @param personaId the persona id to send for a music spec that names one (the upstream's id of a
 *     persona kept here), or null to send none
 */
public record RelayJob(Task task, ChannelConfig channel, String callbackUrl, SourceClip source, Instant intentAt, String personaId) {
  public RelayJob {
    requireNonNull(task, "task is null");
    requireNonNull(channel, "channel is null");
    requireNonNull(intentAt, "intentAt is null");
  }

  public TaskSpec spec() {
    return task.spec();
  }

  /** Our task id: also our reference at the upstream where it takes one (Kling's external_task_id). */
  public String taskId() {
    return task.id();
  }
}
