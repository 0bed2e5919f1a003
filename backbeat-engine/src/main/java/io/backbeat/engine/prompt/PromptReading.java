package io.backbeat.engine.prompt;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link PromptReader#read(String)} understood of a prompt. Lists are in prompt order (the
 * first mention first), immutable, and empty when nothing was found; the same text always gives
 * the same reading.
 *
 * @param names people and pets named ("Biscuit", "Rosa"), at most two
 * @param places proper places first ("Tokyo"), then common ones ("the beach"), at most three
 * @param subjects the things it is about, most mentioned first ("my dog", "the waves"), at most six
 * @param adjectives describing words ("rainy", "old"), at most four
 * @param actions a gerund with its object ("chasing waves"), at most two
 * @param phrases noun phrases ending on a noun ("rainy Tokyo night"), longest first, at most three
 * @param gerunds every "-ing" action word ("chasing"), at most four
 * @param themes theme → weight (how many of its words appeared); iteration in enum order
 * @param valence which way the themes lean
 * @param moods how it should feel: mood words first, then moods its themes imply, at most four
 * @param colours colours named, with modifiers and sRGB values, at most six
 * @param motifs what a picture would show (sky, moon, sea, city, animals, portrait…), at most eight
 * @param timeOfDay the first time of day named (or implied by moonlight, starlight)
 * @param weather the weather named (rain, fog…)
 * @param season the first season named (or implied by a month or holiday)
 */
public record PromptReading(
    List<String> names,
    List<Place> places,
    List<Noun> subjects,
    List<String> adjectives,
    List<String> actions,
    List<String> phrases,
    List<String> gerunds,
    Map<Theme, Double> themes,
    Valence valence,
    List<Mood> moods,
    List<Colour> colours,
    List<Motif> motifs,
    Optional<TimeOfDay> timeOfDay,
    List<Weather> weather,
    Optional<Season> season) {

  /**
   * True when the prompt names nothing to sing or show by name: no name, place, subject, phrase or
   * action (its themes, moods and colours may still say a lot).
   */
  public boolean hasNoSubject() {
    return names.isEmpty()
        && places.isEmpty()
        && subjects.isEmpty()
        && phrases.isEmpty()
        && actions.isEmpty();
  }

  /** Themes by weight, strongest first; enum order breaks ties. */
  public List<Theme> rankedThemes() {
    return themes.entrySet().stream()
        .sorted(
            Comparator.comparingDouble((Map.Entry<Theme, Double> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }
}
