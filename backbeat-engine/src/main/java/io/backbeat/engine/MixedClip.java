package io.backbeat.engine;

import io.backbeat.engine.render.Mixer;
import io.backbeat.engine.render.Stem;
import java.io.IOException;
import java.util.List;

/**
 * A clip mixed and mastered but not written ({@link Studio#renderMix}); close it to delete the
 * spill files of its stems (long clips keep their stems on disk, see {@link Studio}).
 *
 * @param master the mastered mix, 44.1 kHz stereo
 * @param stems each part as rendered, with its placement gains in the mix
 * @param stemGain the mastering gain (not the limiter): a stem times its placement gains times this
 *     sits at its level in {@code master}
 */
public record MixedClip(Stem master, List<Mixer.PlacedStem> stems, float stemGain, SpillDir spills)
    implements AutoCloseable {
  public MixedClip {
    stems = List.copyOf(stems);
  }

  @Override
  public void close() throws IOException {
    spills.close();
  }
}
