package io.backbeat.engine.compose;

import java.util.List;
import java.util.Objects;

/**
 * What the composer needs for one clip.
 *
 * @param text lyric sections (empty when instrumental)
 * @param voice the singer (or, for instrumentals, ignored)
 * @param songSeed shared by both clips: key and tempo choices
 * @param clipSeed differs per clip: progressions, melody, fills, timbres
 * @param variant the clip index, used to alternate timbres
 * @param minSeconds lower length bound (0 = follow the lyrics)
 * @param maxSeconds upper length bound (the model's limit)
 */
public record CompositionInput(StyleProfile style, List<TextSection> text, boolean instrumental,
    VoiceRange voice, long songSeed, long clipSeed, int variant, double minSeconds,
    double maxSeconds) {
  public CompositionInput {
    Objects.requireNonNull(style, "style is null");
    text = List.copyOf(text);
    Objects.requireNonNull(voice, "voice is null");
  }
}
