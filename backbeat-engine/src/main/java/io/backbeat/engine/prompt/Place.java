package io.backbeat.engine.prompt;

import java.util.Set;

/**
 * A place the prompt names: a proper one ("Tokyo", "New York City") or a common one ("beach",
 * "kitchen").
 */
public record Place(String word, boolean proper) {
  private static final Set<String> BARE = Set.of("downtown", "home", "paradise", "heaven");
  private static final Set<String> ON =
      Set.of("beach", "shore", "road", "highway", "street", "streets", "coast", "island", "rooftop",
          "bridge", "boulevard", "avenue", "porch", "dancefloor", "coastline", "seaside", "farm",
          "field", "fields", "hills");
  private static final Set<String> AT =
      Set.of("club", "bar", "station", "airport", "school", "church", "diner", "motel", "hotel",
          "cafe", "library", "hospital", "stadium", "arena", "harbor", "harbour");

  /** "Tokyo", "the beach", "downtown". */
  public String render() {
    return proper || BARE.contains(word) ? word : "the " + word;
  }

  /** With the preposition English uses for it: "in Tokyo", "on the beach", "at the club". */
  public String renderIn() {
    if (proper || !(ON.contains(word) || AT.contains(word))) {
      return (word.equals("home") ? "at " : "in ") + render();
    }
    return (ON.contains(word) ? "on " : "at ") + render();
  }
}
