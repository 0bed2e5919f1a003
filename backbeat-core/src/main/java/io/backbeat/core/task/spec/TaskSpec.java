package io.backbeat.core.task.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.backbeat.core.task.TaskKind;
import java.util.Map;
import java.util.Optional;

/**
 * What a task must produce, in Backbeat's own words: a dialect turns a request into one of these,
 * a provider consumes it. No field is named after a dialect's wire format, so a task created by one
 * dialect can be run (or relayed) by any provider that serves its kind.
 *
 * <p>Stored as versioned JSON ({@link TaskSpecJson}); the {@code type} names below are stable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SongSpec.class, name = "song"),
  @JsonSubTypes.Type(value = ExtendSpec.class, name = "extend"),
  @JsonSubTypes.Type(value = UploadCoverSpec.class, name = "upload_cover"),
  @JsonSubTypes.Type(value = UploadExtendSpec.class, name = "upload_extend"),
  @JsonSubTypes.Type(value = AddVocalsSpec.class, name = "add_vocals"),
  @JsonSubTypes.Type(value = AddInstrumentalSpec.class, name = "add_instrumental"),
  @JsonSubTypes.Type(value = ReplaceSectionSpec.class, name = "replace_section"),
  @JsonSubTypes.Type(value = LyricsSpec.class, name = "lyrics"),
  @JsonSubTypes.Type(value = TimestampedLyricsSpec.class, name = "timestamped_lyrics"),
  @JsonSubTypes.Type(value = StyleBoostSpec.class, name = "style_boost"),
  @JsonSubTypes.Type(value = PersonaSpec.class, name = "persona"),
  @JsonSubTypes.Type(value = CoverArtSpec.class, name = "cover_art"),
  @JsonSubTypes.Type(value = WavSpec.class, name = "wav"),
  @JsonSubTypes.Type(value = StemsSpec.class, name = "stems"),
  @JsonSubTypes.Type(value = MusicVideoSpec.class, name = "music_video"),
  @JsonSubTypes.Type(value = ImageSpec.class, name = "image"),
  @JsonSubTypes.Type(value = VideoSpec.class, name = "video"),
  @JsonSubTypes.Type(value = PurgedSpec.class, name = "purged")
})
public sealed interface TaskSpec
    permits SongSpec,
        ExtendSpec,
        UploadCoverSpec,
        UploadExtendSpec,
        AddVocalsSpec,
        AddInstrumentalSpec,
        ReplaceSectionSpec,
        LyricsSpec,
        TimestampedLyricsSpec,
        StyleBoostSpec,
        PersonaSpec,
        CoverArtSpec,
        WavSpec,
        StemsSpec,
        MusicVideoSpec,
        ImageSpec,
        VideoSpec,
        PurgedSpec {

  /** The kind of output; decides which providers may run the task. */
  @JsonIgnore
  TaskKind kind();

  /** The model the task is priced and routed by, or null when the kind has none. */
  default String model() {
    return null;
  }

  /**
   * The human-written texts the content policy checks at create, by canonical field name
   * ({@code prompt}, {@code lyrics}, {@code title}, {@code style}, …). Never URLs, ids or enums.
   */
  @JsonIgnore
  default Map<String, String> moderatedTexts() {
    return Map.of();
  }

  /** The one-per-source output this task claims at create, if its kind has such a rule. */
  @JsonIgnore
  default Optional<OutputClaim> outputClaim() {
    return Optional.empty();
  }

  /** Where callbacks go, or null for none (synchronous routes). */
  default String callbackUrl() {
    return null;
  }
}
