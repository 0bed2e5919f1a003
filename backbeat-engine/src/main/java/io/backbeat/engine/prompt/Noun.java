package io.backbeat.engine.prompt;

/**
 * A thing the prompt is about, with the determiner that reads naturally before it: "my dog",
 * "the waves", "heartbreak" (abstract nouns and days take none).
 */
public record Noun(String word, String determiner) {
  /** The noun with its determiner, as it would be sung or captioned. */
  public String render() {
    return determiner.isEmpty() ? word : determiner + " " + word;
  }
}
