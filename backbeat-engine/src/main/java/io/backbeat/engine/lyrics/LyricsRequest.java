package io.backbeat.engine.lyrics;

import java.util.Objects;

/**
 * A lyrics request, for {@link LyricsWriter#write(LyricsRequest)} (or {@code
 * Studio.writeLyrics}): the idea to write about and the seed that makes the two variants
 * reproducible. Built with {@link #builder()}; {@code seed} is required, {@code prompt} defaults
 * to empty (generic imagery).
 */
public final class LyricsRequest {
  private final String prompt;
  private final long seed;

  private LyricsRequest(String prompt, long seed) {
    this.prompt = prompt;
    this.seed = seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().prompt(prompt).seed(seed);
  }

  /** What the song is about, never null (empty when none was given). */
  public String prompt() {
    return prompt;
  }

  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LyricsRequest r && seed == r.seed && prompt.equals(r.prompt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prompt, seed);
  }

  @Override
  public String toString() {
    return "LyricsRequest[prompt=" + prompt.length() + " chars, seed=" + seed + "]";
  }

  /** Collects the fields; {@link #build()} checks them. */
  public static final class Builder {
    private String prompt = "";
    private long seed;
    private boolean seedSet;

    private Builder() {}

    /** Null means empty. */
    public Builder prompt(String prompt) {
      this.prompt = prompt == null ? "" : prompt;
      return this;
    }

    /** Required. */
    public Builder seed(long seed) {
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    public LyricsRequest build() {
      if (!seedSet) {
        throw new IllegalStateException("seed is required: it makes the lyrics reproducible");
      }
      return new LyricsRequest(prompt, seed);
    }
  }
}
