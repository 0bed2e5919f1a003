package io.backbeat.engine;

import io.backbeat.engine.render.Mixer;
import io.backbeat.engine.render.StemAudio;
import java.io.IOException;
import java.util.List;

/**
 * A clip mixed and mastered into a float WAV but not written ({@link Studio#renderMixToDisk});
 * close it to delete the master and any spilled stems.
 *
 * @param master the mastered mix, 44.1 kHz stereo 32-bit float, in {@code spills}
 * @param stems each part as rendered, with its placement gains in the mix
 * @param stemGain the mastering gain (not the limiter): a stem times its placement gains times this
 *     sits at its level in {@code master}
 */
public record SpilledClip(StemAudio.OnDisk master, List<Mixer.PlacedStem> stems, float stemGain, SpillDir spills)
    implements AutoCloseable {
  public SpilledClip {
    stems = List.copyOf(stems);
  }

  @Override
  public void close() throws IOException {
    spills.close();
  }
}
