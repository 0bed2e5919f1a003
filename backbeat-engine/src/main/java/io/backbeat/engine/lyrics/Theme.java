package io.backbeat.engine.lyrics;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A theme a prompt can touch, with the words that trigger it and the imagery it lends the lyrics.
 * Valence steers line choice: negative themes pick wistful lines, positive ones bright lines. Enum
 * order is the tie-break order, so theme ranking is deterministic.
 */
enum Theme {
  SAD(
      -1.0,
      "sad sadness heartbreak heartbroken breakup broke lonely loneliness alone tears tear cry"
          + " crying cried goodbye goodbyes miss missing lost loss grief grieving sorrow blue"
          + " blues melancholy melancholic regret regrets funeral gone leaving left hurt pain"
          + " empty broken ex divorce apart depressed depression hopeless nostalgic",
      "tears silence letters photographs echo ashes memories shadows pillow doorway"
          + " window rain",
      "broken empty faded lonely hollow quiet distant fragile bitter heavy",
      "cry fade fall break wait grieve wander drown"),
  HAPPY(
      1.0,
      "happy happiness joy joyful fun cheerful smile smiling laugh laughing laughter sunshine"
          + " celebrate celebration birthday vibes upbeat bright sunny glad grateful"
          + " playful silly bubbly feelgood wonderful lucky",
      "sunshine laughter smiles colors sparkle morning balloons daydreams lemonade paper_planes"
          + " sunlight bubbles",
      "bright golden sunny sweet shiny lucky easy happy",
      "shine laugh smile dance sing jump play glow"),
  HOPE(
      1.0,
      "hope hopeful uplifting inspire inspiring inspirational motivational rise rising strong"
          + " strength brave courage overcome dream dreams dreamer believe fly fight freedom free"
          + " victory champion anthem climb journey future tomorrow triumph unstoppable survive",
      "horizon mountain wings sunrise dawn summit stars fire skyline future heartbeat compass"
          + " flag",
      "fearless unbroken brave rising limitless stronger endless golden",
      "rise fly climb soar shine stand burn grow"),
  DARK(
      -1.0,
      "dark darkness shadow shadows ghost ghosts haunted haunting evil villain fear scary"
          + " horror nightmare demons demon devil grave graveyard death dead blood revenge"
          + " sinister gothic witch curse poison danger venom monster",
      "shadows smoke ghosts thunder midnight ashes static mirror storm wolves thorns embers"
          + " graveyard candles",
      "black haunted hollow cold wicked restless bitter crimson",
      "burn haunt whisper crawl howl fall hide bleed"),
  LOVE(
      0.5,
      "love loving lover lovers romance romantic crush kiss kissing darling sweetheart"
          + " valentine wedding marry married honeymoon boyfriend girlfriend heart hearts"
          + " together forever soulmate baby babe date",
      "heartbeat kiss hands lips eyes roses promise arms touch ring candlelight love_letter"
          + " slow_dance",
      "tender sweet close gentle true warm crazy",
      "hold kiss love stay fall melt dance breathe"),
  PARTY(
      1.0,
      "party parties dance dancing club clubbing dancefloor disco rave weekend friday"
          + " saturday dj drinks drink celebrate festival edm groove groovy bounce banger"
          + " shots",
      "lights bass dance_floor crowd speakers glitter strobe weekend beat neon confetti"
          + " sound_system",
      "loud electric wild neon crazy sweaty",
      "dance jump move bounce shout groove party shine"),
  SUMMER(
      1.0,
      "summer summertime sun sunny july august vacation holiday holidays beach beaches pool"
          + " tan sunset sunsets heat hot tropical palm palms",
      "sunshine heat lemonade sunset sand fireflies ice_cream convertible sunglasses" + " pool",
      "sunny golden lazy sun-kissed warm",
      "swim shine drive laugh glow dance"),
  OCEAN(
      0.0,
      "ocean oceans sea seas wave waves beach surf surfing surfer sail sailing sailor tide"
          + " tides shore island islands harbor harbour boat boats coast bay lighthouse"
          + " seagull seagulls mermaid reef",
      "tide shore salt foam sand seagulls horizon waves shells sails driftwood lighthouse"
          + " current harbor",
      "salty blue endless deep sun-bleached",
      "drift sail swim float wander dive"),
  CITY(
      0.0,
      "city cities street streets downtown subway traffic neon skyline skyscraper"
          + " skyscrapers taxi taxis avenue boulevard rooftop rooftops urban metro alley"
          + " crosswalk billboard billboards",
      "streetlights neon traffic subway skyline rooftops sirens taxis crosswalk billboards"
          + " alley concrete avenue",
      "neon electric crowded restless sleepless",
      "wander run roam shine drive hustle"),
  NIGHT(
      0.0,
      "night nights midnight moon moonlight star stars starlight evening dusk nocturnal"
          + " tonight late insomnia sleepless",
      "moon stars midnight streetlights moonlight candle constellations dreams darkness"
          + " night_sky",
      "silver velvet starry quiet sleepless",
      "dream glow whisper wander shine drift"),
  RAIN(
      -0.5,
      "rain rainy raining rained storm stormy thunder lightning umbrella drizzle puddle"
          + " puddles cloud clouds cloudy grey gray downpour monsoon",
      "rain puddles umbrella thunder clouds windowpane raindrops storm gutters drizzle",
      "rainy wet grey soaking cloudy heavy",
      "pour fall drip drown wash"),
  WINTER(
      0.0,
      "winter snow snowy snowing cold frost frozen ice icy december christmas january"
          + " blizzard fireplace sweater",
      "snow frost fireplace snowflakes December ice scarf candlelight frozen_lake",
      "frozen white cold icy silent cozy",
      "freeze fall glow shiver melt"),
  ROAD(
      0.0,
      "road roads drive driving highway highways car cars truck trucks travel traveling"
          + " travelling journey trip roadtrip miles wheels motorcycle ride riding train"
          + " trains runaway wanderer",
      "highway miles wheels dashboard rearview_mirror motel gasoline map border headlights"
          + " open_road",
      "open dusty endless restless long",
      "drive roam ride run wander roll"),
  NATURE(
      0.0,
      "forest forests tree trees river rivers mountain mountains meadow meadows flowers"
          + " flower garden valley creek woods wild wilderness nature field fields spring bloom"
          + " birds lake",
      "forest river mountains meadow pines wildflowers creek valley moss birds wind",
      "green wild quiet ancient misty",
      "grow bloom wander breathe climb flow"),
  HOME(
      0.0,
      "home hometown family mother mom mama father dad daddy grandma grandmother grandpa"
          + " grandfather brother sister childhood kitchen porch house farm reunion roots"
          + " remember memories yesterday",
      "kitchen porch photographs front_door old_house hometown table garden backyard"
          + " childhood",
      "old familiar warm faded gentle",
      "return stay grow rest"),
  PETS(
      0.5,
      "dog dogs puppy puppies pup cat cats kitten kittens pet pets paw paws bark barking"
          + " fetch leash tail horse pony",
      "paws tail leash backyard fur collar footprints tennis_ball front_yard",
      "loyal muddy happy shaggy faithful",
      "run play jump chase wag"),
  SPACE(
      0.0,
      "space galaxy galaxies orbit planet planets rocket rockets astronaut cosmos cosmic"
          + " universe comet comets nebula satellite satellites mars moon stars",
      "stars galaxy orbit moon comet rocket satellites planets gravity cosmos",
      "cosmic weightless distant infinite silver",
      "float orbit fly drift shine fall"),
  GENERIC(
      0.0,
      "",
      "heart light sky road dream fire stars morning window shadows river echo rhythm"
          + " memory horizon heartbeat silence highway world",
      "golden wild quiet endless electric silver restless open young",
      "run shine fly dance dream rise wander glow");

  final double valence;
  final Set<String> triggers;
  final List<String> nouns;
  final List<String> adjectives;
  final List<String> verbs;

  Theme(double valence, String triggers, String nouns, String adjectives, String verbs) {
    this.valence = valence;
    this.triggers = triggers.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(triggers.split(" +")));
    this.nouns = phrases(nouns);
    this.adjectives = List.of(adjectives.split(" +"));
    this.verbs = List.of(verbs.split(" +"));
  }

  /** Multi-word imagery is written with underscores in the tables above. */
  private static List<String> phrases(String nouns) {
    return Arrays.stream(nouns.split(" +")).map(n -> n.replace('_', ' ')).toList();
  }
}
