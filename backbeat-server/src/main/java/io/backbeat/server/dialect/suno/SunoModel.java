package io.backbeat.server.dialect.suno;

import io.backbeat.core.error.BackbeatException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The five Suno models and their per-model limits (contract-music.md §5.2). */
enum SunoModel {
  V4(3000, 200, 80, Duration.ofMinutes(4), "chirp-v4"),
  V4_5(5000, 1000, 100, Duration.ofMinutes(8), "chirp-v4-5"),
  V4_5PLUS(5000, 1000, 100, Duration.ofMinutes(8), "chirp-v4-5-plus"),
  V4_5ALL(5000, 1000, 80, Duration.ofMinutes(8), "chirp-v4-5-all"),
  V5(5000, 1000, 100, Duration.ofMinutes(8), "chirp-v5");

  /** Simple-mode prompts are ideas, not lyrics: the same cap for every model. */
  static final int SIMPLE_PROMPT_MAX = 500;

  final int customPromptMax;
  final int styleMax;
  final int titleMax;
  final Duration maxLength;
  final String modelName;

  SunoModel(int customPromptMax, int styleMax, int titleMax, Duration maxLength, String modelName) {
    this.customPromptMax = customPromptMax;
    this.styleMax = styleMax;
    this.titleMax = titleMax;
    this.maxLength = maxLength;
    this.modelName = modelName;
  }

  static SunoModel parse(String value) {
    for (SunoModel model : values()) {
      if (model.name().equals(value)) {
        return model;
      }
    }
    throw BackbeatException.invalid(
        "model must be one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + " (spelled exactly), not '" + value + "'");
  }

  static String modelNameOf(String model) {
    for (SunoModel m : values()) {
      if (m.name().equals(model)) {
        return m.modelName;
      }
    }
    return model;
  }
}
