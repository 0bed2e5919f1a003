package io.backbeat.providers.relay;

import static io.backbeat.core.task.TaskKind.*;

import io.backbeat.core.task.TaskKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of upstream a channel can be, as the operator names them in the config ({@code type:}).
 * Each serves its own set of kinds; a channel may narrow it ({@code kinds:}), never widen it.
 */
public enum ChannelType {
  /** sunoapi.org and its clones: the {@code /api/v1/*} path family. */
  SUNOAPI("sunoapi", musicKinds()),
  /** AnyInt's Suno-compatible routes: the {@code /suno/*} path family. */
  ANYINT_SUNO("anyint-suno", musicKinds()),
  /** Alibaba Model Studio (DashScope): wan video tasks, qwen-image images. */
  DASHSCOPE("dashscope", EnumSet.of(IMAGE, VIDEO)),
  /** Kling: image and video tasks, JWT signed with the access and secret key. */
  KLING("kling", EnumSet.of(IMAGE, VIDEO)),
  /** The built-in studio engine. */
  LOCAL("local", EnumSet.allOf(TaskKind.class));

  private final String configName;
  private final Set<TaskKind> kinds;

  ChannelType(String configName, Set<TaskKind> kinds) {
    this.configName = configName;
    this.kinds = Set.copyOf(kinds);
  }

  /** The name in the YAML config ({@code sunoapi}, {@code anyint-suno}, …). */
  public String configName() {
    return configName;
  }

  /** Every kind a channel of this type can serve. */
  public Set<TaskKind> kinds() {
    return kinds;
  }

  public boolean isRelay() {
    return this != LOCAL;
  }

  public static Optional<ChannelType> fromConfig(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.configName.equals(wanted)).findFirst();
  }

  private static Set<TaskKind> musicKinds() {
    return EnumSet.of(
        SONG, EXTEND, UPLOAD_COVER, UPLOAD_EXTEND, ADD_VOCALS, ADD_INSTRUMENTAL, REPLACE_SECTION, LYRICS, TIMESTAMPED_LYRICS,
        STYLE, PERSONA, COVER_ART, WAV, MP4, STEMS);
  }
}
