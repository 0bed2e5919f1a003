package io.backbeat.core.task.spec;

/**
 * Optional controls that shape composed music. Every field may be null (no preference).
 *
 * @param excludedStyles styles and traits to avoid, as written ("heavy metal, upbeat drums")
 * @param styleWeight how strictly to follow the style text, 0 to 1
 * @param weirdness how far to stray from the expected, 0 to 1
 * @param audioWeight how much an input audio weighs against the text, 0 to 1
 * @param personaId a stored voice identity to sing with
 */
public record Shaping(
    String excludedStyles, VocalGender vocalGender, Double styleWeight, Double weirdness, Double audioWeight, String personaId) {
  public static final Shaping NONE = new Shaping(null, null, null, null, null, null);

  public Shaping {
    Checks.unitOrNull(styleWeight, "styleWeight");
    Checks.unitOrNull(weirdness, "weirdness");
    Checks.unitOrNull(audioWeight, "audioWeight");
  }
}
