package io.backbeat.engine;

import io.backbeat.engine.compose.Arrangement;
import io.backbeat.engine.compose.StyleProfile;
import io.backbeat.engine.voice.Voice;
import java.util.List;

/**
 * One clip, composed and ready to render.
 *
 * @param voice the singer, null when instrumental
 * @param model the model name asked for (kept for metadata)
 */
public record ClipPlan(int index, long seed, StyleProfile style, Arrangement arrangement,
    Voice voice, List<WordTiming> words, String model) {
  public ClipPlan {
    words = List.copyOf(words);
  }

  public int bpm() {
    return arrangement.bpm();
  }

  public String key() {
    return arrangement.key().name();
  }

  public double durationSeconds() {
    return arrangement.durationSeconds();
  }
}
