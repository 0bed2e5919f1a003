package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

/**
 * The upstream's names for one of our earlier outputs (a clip to extend, convert or separate): the
 * upstream job and track ids recorded when the source task was relayed.
 *
 * @param upstreamClipId the upstream's track id, or null when only the task is referred to (cover art)
 * @param audioKey our asset key of the track's audio (re-hosted when the source task finished), or null
 */
public record SourceClip(String taskId, String clipId, String upstreamTaskId, String upstreamClipId, String audioKey) {
  public SourceClip {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(upstreamTaskId, "upstreamTaskId is null");
  }
}
