package io.backbeat.engine;

import java.time.Duration;

/**
 * A song request as the Suno-compatible API takes it. In simple mode {@code prompt} is the idea
 * and lyrics are written for it; in custom mode {@code prompt} is the lyrics, sung as given, with
 * {@code title} and {@code style}. Optional fields may be null.
 *
 * @param maxLength upper bound on the clip length, or null for the model's limit
 */
public record SongRequest(String prompt, String style, String title, boolean customMode,
    boolean instrumental, String model, String negativeTags, String vocalGender,
    Double styleWeight, Double weirdnessConstraint, Double audioWeight, String personaId,
    long seed, Duration maxLength) {}
