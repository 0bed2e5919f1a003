package io.backbeat.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * A song request as the Suno-compatible API takes it, for {@link Studio#plan(SongRequest)}. In
 * simple mode {@code prompt} is the idea and lyrics are written for it; in custom mode {@code
 * prompt} is the lyrics, sung as given, with {@code title} and {@code style}.
 *
 * <p>Built with {@link #builder()}; {@link #toBuilder()} copies one to change a field. Only {@code
 * seed} is always required, and {@code prompt} in custom mode with vocals. Text fields that are
 * absent or blank read as null; {@code model} defaults to {@value #DEFAULT_MODEL}.
 */
public final class SongRequest {
  /** The model assumed when none is named: the newest, with the 8-minute limit. */
  public static final String DEFAULT_MODEL = "V5";

  private final String prompt;
  private final String style;
  private final String title;
  private final boolean customMode;
  private final boolean instrumental;
  private final String model;
  private final String negativeTags;
  private final String vocalGender;
  private final Double styleWeight;
  private final Double weirdnessConstraint;
  private final Double audioWeight;
  private final String personaId;
  private final long seed;
  private final Duration maxLength;

  private SongRequest(Builder b) {
    this.prompt = b.prompt;
    this.style = b.style;
    this.title = b.title;
    this.customMode = b.customMode;
    this.instrumental = b.instrumental;
    this.model = b.model;
    this.negativeTags = b.negativeTags;
    this.vocalGender = b.vocalGender;
    this.styleWeight = b.styleWeight;
    this.weirdnessConstraint = b.weirdnessConstraint;
    this.audioWeight = b.audioWeight;
    this.personaId = b.personaId;
    this.seed = b.seed;
    this.maxLength = b.maxLength;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.prompt = prompt;
    b.style = style;
    b.title = title;
    b.customMode = customMode;
    b.instrumental = instrumental;
    b.model = model;
    b.negativeTags = negativeTags;
    b.vocalGender = vocalGender;
    b.styleWeight = styleWeight;
    b.weirdnessConstraint = weirdnessConstraint;
    b.audioWeight = audioWeight;
    b.personaId = personaId;
    b.seed = seed;
    b.seedSet = true;
    b.maxLength = maxLength;
    return b;
  }

  /** Simple mode: the idea; custom mode: the lyrics. Null when absent. */
  public String prompt() {
    return prompt;
  }

  /** Genre, tempo, mood and instrument words; null when absent. */
  public String style() {
    return style;
  }

  /** Custom mode's title; null when absent (simple mode writes its own). */
  public String title() {
    return title;
  }

  public boolean customMode() {
    return customMode;
  }

  public boolean instrumental() {
    return instrumental;
  }

  public String model() {
    return model;
  }

  /** Instruments and traits to leave out; null when none. */
  public String negativeTags() {
    return negativeTags;
  }

  /** "m" or "f", or null to follow the style. */
  public String vocalGender() {
    return vocalGender;
  }

  /** 0–1, or null for the default. */
  public Double styleWeight() {
    return styleWeight;
  }

  /** 0–1, or null for the default. */
  public Double weirdnessConstraint() {
    return weirdnessConstraint;
  }

  /** 0–1, or null for the default. */
  public Double audioWeight() {
    return audioWeight;
  }

  /** A stable voice across requests; null when none. */
  public String personaId() {
    return personaId;
  }

  /** Makes the song reproducible: the same request and seed give the same song. */
  public long seed() {
    return seed;
  }

  /** Upper bound on the clip length, or null for the model's limit. */
  public Duration maxLength() {
    return maxLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SongRequest r
        && customMode == r.customMode
        && instrumental == r.instrumental
        && seed == r.seed
        && Objects.equals(prompt, r.prompt)
        && Objects.equals(style, r.style)
        && Objects.equals(title, r.title)
        && Objects.equals(model, r.model)
        && Objects.equals(negativeTags, r.negativeTags)
        && Objects.equals(vocalGender, r.vocalGender)
        && Objects.equals(styleWeight, r.styleWeight)
        && Objects.equals(weirdnessConstraint, r.weirdnessConstraint)
        && Objects.equals(audioWeight, r.audioWeight)
        && Objects.equals(personaId, r.personaId)
        && Objects.equals(maxLength, r.maxLength);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prompt, style, title, customMode, instrumental, model, negativeTags,
        vocalGender, styleWeight, weirdnessConstraint, audioWeight, personaId, seed, maxLength);
  }

  @Override
  public String toString() {
    // The prompt can be a whole song text: its length says enough in a log line.
    return "SongRequest[" + (customMode ? "custom" : "simple") + (instrumental ? ", instrumental" : "")
        + ", model=" + model + ", style=" + style + ", title=" + title
        + ", prompt=" + (prompt == null ? "null" : prompt.length() + " chars") + ", seed=" + seed
        + (maxLength != null ? ", maxLength=" + maxLength : "") + "]";
  }

  /** Collects the fields; {@link #build()} checks them. */
  public static final class Builder {
    private String prompt;
    private String style;
    private String title;
    private boolean customMode;
    private boolean instrumental;
    private String model = DEFAULT_MODEL;
    private String negativeTags;
    private String vocalGender;
    private Double styleWeight;
    private Double weirdnessConstraint;
    private Double audioWeight;
    private String personaId;
    private long seed;
    private boolean seedSet;
    private Duration maxLength;

    private Builder() {}

    public Builder prompt(String prompt) {
      this.prompt = blankToNull(prompt);
      return this;
    }

    public Builder style(String style) {
      this.style = blankToNull(style);
      return this;
    }

    public Builder title(String title) {
      this.title = blankToNull(title);
      return this;
    }

    public Builder customMode(boolean customMode) {
      this.customMode = customMode;
      return this;
    }

    public Builder instrumental(boolean instrumental) {
      this.instrumental = instrumental;
      return this;
    }

    /** Null or blank means {@value #DEFAULT_MODEL}. */
    public Builder model(String model) {
      String m = blankToNull(model);
      this.model = m == null ? DEFAULT_MODEL : m.strip();
      return this;
    }

    public Builder negativeTags(String negativeTags) {
      this.negativeTags = blankToNull(negativeTags);
      return this;
    }

    public Builder vocalGender(String vocalGender) {
      this.vocalGender = blankToNull(vocalGender);
      return this;
    }

    public Builder styleWeight(Double styleWeight) {
      this.styleWeight = styleWeight;
      return this;
    }

    public Builder weirdnessConstraint(Double weirdnessConstraint) {
      this.weirdnessConstraint = weirdnessConstraint;
      return this;
    }

    public Builder audioWeight(Double audioWeight) {
      this.audioWeight = audioWeight;
      return this;
    }

    public Builder personaId(String personaId) {
      this.personaId = blankToNull(personaId);
      return this;
    }

    /** Required. */
    public Builder seed(long seed) {
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    /** Null for the model's limit. */
    public Builder maxLength(Duration maxLength) {
      this.maxLength = maxLength;
      return this;
    }

    /**
     * The request, or {@link IllegalStateException} for a missing required field and {@link
     * IllegalArgumentException} for a value out of range; each message names the field.
     */
    public SongRequest build() {
      if (!seedSet) {
        throw new IllegalStateException("seed is required: it makes the song reproducible");
      }
      if (customMode && !instrumental && prompt == null) {
        throw new IllegalStateException("prompt is required in custom mode with vocals: it holds the lyrics");
      }
      unitInterval("styleWeight", styleWeight);
      unitInterval("weirdnessConstraint", weirdnessConstraint);
      unitInterval("audioWeight", audioWeight);
      if (maxLength != null && (maxLength.isNegative() || maxLength.isZero())) {
        throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
      }
      return new SongRequest(this);
    }

    private static void unitInterval(String field, Double value) {
      if (value != null && !(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(field + " must be in [0, 1]: " + value);
      }
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }
}
