package io.backbeat.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A rendered clip's files and facts.
 *
 * @param stemsWav part name → 44.1 kHz 16-bit stereo WAV, each at its level in the mix
 */
public record RenderedClip(int index, String title, String tags, double durationSeconds, Path mp3,
    Path coverJpeg, Map<String, Path> stemsWav, List<WordTiming> words, int bpm, String key) {
  public RenderedClip {
    stemsWav = Map.copyOf(stemsWav);
    words = List.copyOf(words);
  }
}
