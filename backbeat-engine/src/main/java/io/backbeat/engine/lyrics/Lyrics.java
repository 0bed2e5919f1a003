package io.backbeat.engine.lyrics;

import static java.util.Objects.requireNonNull;

/**
 * One written song text: a short title and sectioned lyrics with tags on their own lines ({@code
 * [Verse]}, {@code [Chorus]}, …), the format {@link LyricSheet#parse(String)} reads.
 */
public record Lyrics(String title, String text) {
  public Lyrics {
    requireNonNull(title, "title is null");
    requireNonNull(text, "text is null");
  }

  /** The text parsed into sections. */
  public LyricSheet sheet() {
    return LyricSheet.parse(text);
  }
}
