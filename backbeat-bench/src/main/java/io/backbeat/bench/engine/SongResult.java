package io.backbeat.bench.engine;

import java.util.List;

/**
 * One benchmarked song: both clips rendered by {@code Studio.renderAll}, timed {@code runs} times.
 *
 * @param clipSeconds the audio length of each clip
 * @param wallSeconds wall time of each run (plan + render of both clips, files included)
 * @param peakHeapBytes the highest used heap seen during the runs
 */
public record SongResult(String style, long seed, List<Double> clipSeconds, List<Double> wallSeconds,
    long peakHeapBytes) {
  /** The budget: both clips of a 3-minute song with vocals in 12 seconds (issue 10). */
  public static final double TARGET_SECONDS = 12;
  public static final double TARGET_SONG_SECONDS = 180;

  public SongResult {
    clipSeconds = List.copyOf(clipSeconds);
    wallSeconds = List.copyOf(wallSeconds);
    if (wallSeconds.isEmpty()) {
      throw new IllegalArgumentException("wallSeconds is empty");
    }
  }

  /** Audio seconds of all clips together. */
  public double audioSeconds() {
    return clipSeconds.stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The longer clip: what "a 3-minute song" refers to. */
  public double songSeconds() {
    return clipSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** The median run (the lower middle one for an even count). */
  public double medianWall() {
    List<Double> sorted = wallSeconds.stream().sorted().toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** Real-time factor: audio seconds of both clips per wall second. */
  public double realTimeFactor() {
    return audioSeconds() / medianWall();
  }

  /** The median wall time scaled to a 3-minute song (the work is linear in length). */
  public double wallPerThreeMinutes() {
    return medianWall() * TARGET_SONG_SECONDS / songSeconds();
  }

  public boolean targetMet() {
    return wallPerThreeMinutes() <= TARGET_SECONDS;
  }
}
