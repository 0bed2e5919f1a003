package io.backbeat.engine.lyrics;

import io.backbeat.engine.prompt.Theme;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The imagery each prompt theme lends the lyrics: nouns, adjectives and verbs for the lines. */
final class ThemeImagery {
  /** Multi-word imagery is written with underscores in the tables below. */
  record Imagery(List<String> nouns, List<String> adjectives, List<String> verbs) {
    Imagery(String nouns, String adjectives, String verbs) {
      this(phrases(nouns), List.of(adjectives.split(" +")), List.of(verbs.split(" +")));
    }

    private static List<String> phrases(String nouns) {
      return Arrays.stream(nouns.split(" +")).map(n -> n.replace('_', ' ')).toList();
    }
  }

  private static final Map<Theme, Imagery> IMAGERY = imagery();

  private ThemeImagery() {}

  static Imagery of(Theme theme) {
    return IMAGERY.get(theme);
  }

  private static Map<Theme, Imagery> imagery() {
    Map<Theme, Imagery> m = new EnumMap<>(Theme.class);
    m.put(
        Theme.SAD,
        new Imagery(
            "tears silence letters photographs echo ashes memories shadows pillow doorway"
                + " window rain",
            "broken empty faded lonely hollow quiet distant fragile bitter heavy",
            "cry fade fall break wait grieve wander drown"));
    m.put(
        Theme.HAPPY,
        new Imagery(
            "sunshine laughter smiles colors sparkle morning balloons daydreams lemonade paper_planes"
                + " sunlight bubbles",
            "bright golden sunny sweet shiny lucky easy happy",
            "shine laugh smile dance sing jump play glow"));
    m.put(
        Theme.HOPE,
        new Imagery(
            "horizon mountain wings sunrise dawn summit stars fire skyline future heartbeat compass"
                + " flag",
            "fearless unbroken brave rising limitless stronger endless golden",
            "rise fly climb soar shine stand burn grow"));
    m.put(
        Theme.DARK,
        new Imagery(
            "shadows smoke ghosts thunder midnight ashes static mirror storm wolves thorns embers"
                + " graveyard candles",
            "black haunted hollow cold wicked restless bitter crimson",
            "burn haunt whisper crawl howl fall hide bleed"));
    m.put(
        Theme.LOVE,
        new Imagery(
            "heartbeat kiss hands lips eyes roses promise arms touch ring candlelight love_letter"
                + " slow_dance",
            "tender sweet close gentle true warm crazy",
            "hold kiss love stay fall melt dance breathe"));
    m.put(
        Theme.PARTY,
        new Imagery(
            "lights bass dance_floor crowd speakers glitter strobe weekend beat neon confetti"
                + " sound_system",
            "loud electric wild neon crazy sweaty",
            "dance jump move bounce shout groove party shine"));
    m.put(
        Theme.SUMMER,
        new Imagery(
            "sunshine heat lemonade sunset sand fireflies ice_cream convertible sunglasses" + " pool",
            "sunny golden lazy sun-kissed warm",
            "swim shine drive laugh glow dance"));
    m.put(
        Theme.OCEAN,
        new Imagery(
            "tide shore salt foam sand seagulls horizon waves shells sails driftwood lighthouse"
                + " current harbor",
            "salty blue endless deep sun-bleached",
            "drift sail swim float wander dive"));
    m.put(
        Theme.CITY,
        new Imagery(
            "streetlights neon traffic subway skyline rooftops sirens taxis crosswalk billboards"
                + " alley concrete avenue",
            "neon electric crowded restless sleepless",
            "wander run roam shine drive hustle"));
    m.put(
        Theme.NIGHT,
        new Imagery(
            "moon stars midnight streetlights moonlight candle constellations dreams darkness"
                + " night_sky",
            "silver velvet starry quiet sleepless",
            "dream glow whisper wander shine drift"));
    m.put(
        Theme.RAIN,
        new Imagery(
            "rain puddles umbrella thunder clouds windowpane raindrops storm gutters drizzle",
            "rainy wet grey soaking cloudy heavy",
            "pour fall drip drown wash"));
    m.put(
        Theme.WINTER,
        new Imagery(
            "snow frost fireplace snowflakes December ice scarf candlelight frozen_lake",
            "frozen white cold icy silent cozy",
            "freeze fall glow shiver melt"));
    m.put(
        Theme.ROAD,
        new Imagery(
            "highway miles wheels dashboard rearview_mirror motel gasoline map border headlights"
                + " open_road",
            "open dusty endless restless long",
            "drive roam ride run wander roll"));
    m.put(
        Theme.NATURE,
        new Imagery(
            "forest river mountains meadow pines wildflowers creek valley moss birds wind",
            "green wild quiet ancient misty",
            "grow bloom wander breathe climb flow"));
    m.put(
        Theme.HOME,
        new Imagery(
            "kitchen porch photographs front_door old_house hometown table garden backyard"
                + " childhood",
            "old familiar warm faded gentle",
            "return stay grow rest"));
    m.put(
        Theme.PETS,
        new Imagery(
            "paws tail leash backyard fur collar footprints tennis_ball front_yard",
            "loyal muddy happy shaggy faithful",
            "run play jump chase wag"));
    m.put(
        Theme.SPACE,
        new Imagery(
            "stars galaxy orbit moon comet rocket satellites planets gravity cosmos",
            "cosmic weightless distant infinite silver",
            "float orbit fly drift shine fall"));
    m.put(
        Theme.GENERIC,
        new Imagery(
            "heart light sky road dream fire stars morning window shadows river echo rhythm"
                + " memory horizon heartbeat silence highway world",
            "golden wild quiet endless electric silver restless open young",
            "run shine fly dance dream rise wander glow"));
    return m;
  }
}
