package io.backbeat.providers.suno;

import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.TaskSpec;

/**
 * The two path families of the Suno-compatible upstreams, relative to their API root: sunoapi.org's
 * {@code /api/v1/*} and AnyInt's {@code /suno/*}. Bodies and answers are the same in both; only the
 * paths differ.
 */
public enum SunoFamily {
  SUNOAPI,
  ANYINT;

  /** The create call of a task kind. */
  String createPath(TaskSpec spec) {
    TaskKind kind = spec.kind();
    return switch (this) {
      case SUNOAPI ->
          switch (kind) {
            case SONG -> "/generate";
            case EXTEND -> "/generate/extend";
            case UPLOAD_COVER -> "/generate/upload-cover";
            case UPLOAD_EXTEND -> "/generate/upload-extend";
            case ADD_VOCALS -> "/generate/add-vocals";
            case ADD_INSTRUMENTAL -> "/generate/add-instrumental";
            case REPLACE_SECTION -> "/generate/replace-section";
            case LYRICS -> "/lyrics";
            case TIMESTAMPED_LYRICS -> "/generate/get-timestamped-lyrics";
            case STYLE -> "/style/generate";
            case PERSONA -> "/generate/generate-persona";
            case COVER_ART -> "/suno/cover/generate";
            case WAV -> "/wav/generate";
            case STEMS -> "/vocal-removal/generate";
            case MP4 -> "/mp4/generate";
            case IMAGE, VIDEO -> throw new UnsupportedOperationException("Suno makes no " + kind);
          };
      case ANYINT ->
          switch (kind) {
            case SONG -> "/generate";
            case EXTEND -> "/extend";
            case UPLOAD_COVER -> "/upload-cover";
            case UPLOAD_EXTEND -> "/upload-extend";
            case ADD_VOCALS -> "/add-vocals";
            case ADD_INSTRUMENTAL -> "/add-instrumental";
            case REPLACE_SECTION -> "/replace-section";
            case LYRICS -> "/generate-lyrics";
            case TIMESTAMPED_LYRICS -> "/timestamped-lyrics";
            case STYLE -> "/style-generate";
            case PERSONA -> "/generate-persona";
            case COVER_ART -> "/generate-cover";
            case WAV -> "/wav-generate";
            // split-stem is vocal-removal with type split_stem (the body says which)
            case STEMS -> "/vocal-removal";
            case MP4 -> "/mp4-generate";
            case IMAGE, VIDEO -> throw new UnsupportedOperationException("Suno makes no " + kind);
          };
    };
  }

  /** Where a job of the kind is read back ({@code ?taskId=} appended). */
  String queryPath(TaskKind kind) {
    return switch (this) {
      case SUNOAPI ->
          switch (kind) {
            case LYRICS -> "/lyrics/record-info";
            case WAV -> "/wav/record-info";
            case STEMS -> "/vocal-removal/record-info";
            case MP4 -> "/mp4/record-info";
            case COVER_ART -> "/suno/cover/record-info";
            default -> "/generate/record-info";
          };
      case ANYINT ->
          switch (kind) {
            case LYRICS -> "/query/lyrics";
            case WAV -> "/query/wav";
            case STEMS -> "/query/vocal-removal";
            case MP4 -> "/query/mp4";
            case COVER_ART -> "/query/cover";
            default -> "/query/task";
          };
    };
  }

  /** Kinds answered in the create call itself: no job, no query. */
  static boolean synchronous(TaskKind kind) {
    return kind == TaskKind.TIMESTAMPED_LYRICS || kind == TaskKind.STYLE || kind == TaskKind.PERSONA;
  }
}
