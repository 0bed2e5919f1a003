package io.backbeat.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short instrumental clips rendered once per test JVM for the independent judges (tempo,
 * bandwidth), with the default sound bank, so several test classes share one render per style.
 */
final class JudgedSongs {
  private static final Map<String, RenderedClip> CLIPS = new ConcurrentHashMap<>();
  private static Studio studio;
  private static Path dir;

  private JudgedSongs() {}

  static synchronized RenderedClip instrumental(String style) throws Exception {
    RenderedClip clip = CLIPS.get(style);
    if (clip != null) {
      return clip;
    }
    if (studio == null) {
      dir = Files.createTempDirectory("judged-songs");
      studio = new Studio(new StudioConfig(null, dir.resolve("work"), 2));
      Runtime.getRuntime().addShutdownHook(new Thread(studio::close));
    }
    SongRequest request = SongRequest.builder()
        .style(style).title("Judged").customMode(true).instrumental(true).model("V5").seed(11)
        .maxLength(Duration.ofSeconds(40)).build();
    clip = studio.render(studio.plan(request), 0, dir.resolve(style.replaceAll("[^A-Za-z0-9]+", "-")));
    CLIPS.put(style, clip);
    return clip;
  }

  static synchronized String soundBank() throws Exception {
    instrumental("pop");
    return studio.soundBankDescription();
  }
}
