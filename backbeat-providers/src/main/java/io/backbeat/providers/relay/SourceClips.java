package io.backbeat.providers.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.CoverArtSpec;
import io.backbeat.core.task.spec.ExtendSpec;
import io.backbeat.core.task.spec.MusicVideoSpec;
import io.backbeat.core.task.spec.PersonaSpec;
import io.backbeat.core.task.spec.ReplaceSectionSpec;
import io.backbeat.core.task.spec.StemsSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.TimestampedLyricsSpec;
import io.backbeat.core.task.spec.WavSpec;
import java.util.Optional;

/**
 * Specs that work on one of our earlier outputs (extend a clip, convert it, separate it, …) refer
 * to it by our ids; an upstream knows it by its own. A relayed task keeps the upstream's job id in
 * its handle and each clip's upstream id in its result ({@code clips[].upstreamId}), so the source
 * can only be worked on by the channel that made it.
 */
final class SourceClips {
  private SourceClips() {}

  /** The earlier output a spec works on, or empty when it has none. */
  static Optional<ClipRef> referenceOf(TaskSpec spec) {
    return Optional.ofNullable(
        switch (spec) {
          case ExtendSpec s -> s.source();
          case ReplaceSectionSpec s -> s.source();
          case TimestampedLyricsSpec s -> s.source();
          case PersonaSpec s -> s.source();
          case WavSpec s -> s.source();
          case StemsSpec s -> s.source();
          case MusicVideoSpec s -> s.source();
          case CoverArtSpec s -> new ClipRef(s.sourceTaskId(), "");
          default -> null;
        });
  }

  /** The channel a relayed source task was made on, if it was relayed and finished. */
  static Optional<String> channelOf(Task source) {
    if (!RelayProvider.NAME.equals(source.provider())
        || source.status() != TaskStatus.SUCCEEDED
        || source.handle().submitState() != SubmitState.ACCEPTED
        || source.handle().upstreamId() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(source.handle().channel());
  }

  /** The upstream's names of the referenced clip of a relayed source task, if it has them. */
  static Optional<SourceClip> resolve(ClipRef ref, Task source) {
    if (channelOf(source).isEmpty()) {
      return Optional.empty();
    }
    String upstreamTask = source.handle().upstreamId();
    if (ref.clipId().isEmpty()) {
      return Optional.of(new SourceClip(source.id(), null, upstreamTask, null, null));
    }
    if (source.result() == null) {
      return Optional.empty();
    }
    for (JsonNode clip : source.result().path("clips")) {
      if (ref.clipId().equals(clip.path("id").asText()) || ref.clipId().equals(clip.path("upstreamId").asText())) {
        String upstreamClip = clip.path("upstreamId").asText(null);
        return upstreamClip == null
            ? Optional.empty()
            : Optional.of(new SourceClip(source.id(), ref.clipId(), upstreamTask, upstreamClip, clip.path("audio").asText(null)));
      }
    }
    return Optional.empty();
  }
}
