package io.backbeat.engine;

import io.backbeat.engine.render.Mixer;
import io.backbeat.engine.render.Stem;
import java.util.List;

/**
 * A clip rendered in memory ({@link Studio#renderMix}).
 *
 * @param master the mastered mix, 44.1 kHz stereo
 * @param stems each part as rendered, with its placement gains in the mix
 * @param stemGain the mastering gain (not the limiter): a stem times its placement gains times this
 *     sits at its level in {@code master}
 */
public record MixedClip(Stem master, List<Mixer.PlacedStem> stems, float stemGain) {
  public MixedClip {
    stems = List.copyOf(stems);
  }
}
