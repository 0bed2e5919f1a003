package io.backbeat.engine.prompt;

import java.util.Arrays;
import java.util.Set;

/**
 * A theme a prompt can touch, with the words that trigger it. Valence says which way it leans
 * (negative themes read wistful, positive ones bright). Enum order is the tie-break order, so
 * theme ranking is deterministic. {@link #GENERIC} is never triggered: it names "nothing in
 * particular" for makers that need a theme anyway.
 */
public enum Theme {
  SAD(
      -1.0,
      "sad sadness heartbreak heartbroken breakup broke lonely loneliness alone tears tear cry"
          + " crying cried goodbye goodbyes miss missing lost loss grief grieving sorrow blue"
          + " blues melancholy melancholic regret regrets funeral gone leaving left hurt pain"
          + " empty broken ex divorce apart depressed depression hopeless nostalgic"),
  HAPPY(
      1.0,
      "happy happiness joy joyful fun cheerful smile smiling laugh laughing laughter sunshine"
          + " celebrate celebration birthday vibes upbeat bright sunny glad grateful"
          + " playful silly bubbly feelgood wonderful lucky"),
  HOPE(
      1.0,
      "hope hopeful uplifting inspire inspiring inspirational motivational rise rising strong"
          + " strength brave courage overcome dream dreams dreamer believe fly fight freedom free"
          + " victory champion anthem climb journey future tomorrow triumph unstoppable survive"),
  DARK(
      -1.0,
      "dark darkness shadow shadows ghost ghosts haunted haunting evil villain fear scary"
          + " horror nightmare demons demon devil grave graveyard death dead blood revenge"
          + " sinister gothic witch curse poison danger venom monster"),
  LOVE(
      0.5,
      "love loving lover lovers romance romantic crush kiss kissing darling sweetheart"
          + " valentine wedding marry married honeymoon boyfriend girlfriend heart hearts"
          + " together forever soulmate baby babe date"),
  PARTY(
      1.0,
      "party parties dance dancing club clubbing dancefloor disco rave weekend friday"
          + " saturday dj drinks drink celebrate festival edm groove groovy bounce banger"
          + " shots"),
  SUMMER(
      1.0,
      "summer summertime sun sunny july august vacation holiday holidays beach beaches pool"
          + " tan sunset sunsets heat hot tropical palm palms"),
  OCEAN(
      0.0,
      "ocean oceans sea seas wave waves beach surf surfing surfer sail sailing sailor tide"
          + " tides shore island islands harbor harbour boat boats coast bay lighthouse"
          + " seagull seagulls mermaid reef"),
  CITY(
      0.0,
      "city cities street streets downtown subway traffic neon skyline skyscraper"
          + " skyscrapers taxi taxis avenue boulevard rooftop rooftops urban metro alley"
          + " crosswalk billboard billboards"),
  NIGHT(
      0.0,
      "night nights midnight moon moonlight star stars starlight evening dusk nocturnal"
          + " tonight late insomnia sleepless"),
  RAIN(
      -0.5,
      "rain rainy raining rained storm stormy thunder lightning umbrella drizzle puddle"
          + " puddles cloud clouds cloudy grey gray downpour monsoon"),
  WINTER(
      0.0,
      "winter snow snowy snowing cold frost frozen ice icy december christmas january"
          + " blizzard fireplace sweater"),
  ROAD(
      0.0,
      "road roads drive driving highway highways car cars truck trucks travel traveling"
          + " travelling journey trip roadtrip miles wheels motorcycle ride riding train"
          + " trains runaway wanderer"),
  NATURE(
      0.0,
      "forest forests tree trees river rivers mountain mountains meadow meadows flowers"
          + " flower garden valley creek woods wild wilderness nature field fields spring bloom"
          + " birds lake"),
  HOME(
      0.0,
      "home hometown family mother mom mama father dad daddy grandma grandmother grandpa"
          + " grandfather brother sister childhood kitchen porch house farm reunion roots"
          + " remember memories yesterday"),
  PETS(
      0.5,
      "dog dogs puppy puppies pup cat cats kitten kittens pet pets paw paws bark barking"
          + " fetch leash tail horse pony"),
  SPACE(
      0.0,
      "space galaxy galaxies orbit planet planets rocket rockets astronaut cosmos cosmic"
          + " universe comet comets nebula satellite satellites mars moon stars"),
  GENERIC(
      0.0,
      "");

  private final double valence;
  private final Set<String> triggers;

  Theme(double valence, String triggers) {
    this.valence = valence;
    this.triggers = triggers.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(triggers.split(" +")));
  }

  /** The words (lower case, as written or in their base form) that point to the theme. */
  public Set<String> triggers() {
    return triggers;
  }

  /** From -1 (sad, dark) through 0 to +1 (happy, hopeful). */
  public double valence() {
    return valence;
  }
}
