package io.backbeat.engine.prompt;

/**
 * What a picture of the prompt would show: the visual motifs its words name ("a wolf howling at
 * the moon over the mountains" is ANIMALS, MOON, MOUNTAINS), in prompt order. Cities named in the
 * prompt count as CITY.
 */
public enum Motif {
  SKY("sky skies horizon heavens aurora northern_lights rainbow", "🌈"),
  SUN("sun suns sunshine sunlight sunbeam sunbeams sunrise sunset sunsets", "☀🌞🌅🌇"),
  MOON("moon moons moonlight moonlit moonrise crescent lunar", "🌙🌕🌑🌛🌜🌝"),
  STARS("star stars starlight starlit starry constellation constellations shooting_star", "⭐🌟✨💫"),
  CLOUDS("cloud clouds cloudy overcast", "☁🌥"),
  SEA("sea seas ocean oceans wave waves tide tides surf seaside coast coastline harbor harbour"
      + " lighthouse reef", "🌊🐚⛵"),
  BEACH("beach beaches sand sandy shore seashore palm palms", "🏖🌴"),
  RIVER("river rivers creek brook waterfall waterfalls lake lakes pond canal", ""),
  MOUNTAINS("mountain mountains peak peaks summit hill hills hillside cliff cliffs valley alps"
      + " himalaya himalayas volcano canyon", "⛰🏔🌋"),
  FOREST("forest forests woods tree trees jungle pine pines oak oaks grove woodland woodlands"
      + " rainforest", "🌲🌳"),
  FLOWERS("flower flowers rose roses blossom blossoms bloom blooms blooming petal petals garden"
      + " gardens tulip tulips daisy daisies lily lilies sunflower sunflowers wildflower"
      + " wildflowers bouquet orchid orchids", "🌸🌹🌻🌷🌼💐🥀"),
  FIELDS("meadow meadows field fields prairie farmland countryside grass grassland wheat", "🌾"),
  DESERT("desert deserts dune dunes sahara cactus cacti", "🏜🌵"),
  CITY("city cities street streets downtown skyline skyscraper skyscrapers building buildings"
      + " rooftop rooftops neon traffic subway alley avenue boulevard", "🏙🌆🌃🚕🚇"),
  ROAD("road roads highway highways car cars drive driving truck motorcycle route roadtrip",
      "🚗🛣🚙🏍"),
  SPACE("space galaxy galaxies planet planets cosmos cosmic universe nebula astronaut rocket"
      + " rockets orbit mars saturn jupiter", "🚀🪐🌌👽🛸"),
  FIRE("fire fires flame flames blaze burning bonfire campfire candle candles ember embers", "🔥🕯"),
  ANIMALS("animal animals dog dogs puppy puppies cat cats kitten kittens horse horses pony bird"
      + " birds wolf wolves fox foxes bear bears lion lions tiger tigers deer owl owls eagle"
      + " eagles butterfly butterflies fish whale whales dolphin dolphins rabbit rabbits bunny"
      + " pet pets elephant elephants", "🐶🐕🐱🐈🐴🐦🦋🐺🦊🐻🦁🐯🐬🐳🐟🐇🐾🐘"),
  PORTRAIT("portrait portraits face faces selfie headshot girl girls boy boys woman women man men"
      + " lady gentleman guy person child kid", "👩👨🧑👧👦"),
  ABSTRACT("abstract geometric geometry shape shapes pattern patterns fractal fractals kaleidoscope"
      + " psychedelic minimal minimalist gradient gradients swirl swirls glitch", "🌀");

  private final String words;
  private final String emoji;

  Motif(String words, String emoji) {
    this.words = words;
    this.emoji = emoji;
  }

  static final Lexicon<Motif> LEXICON = new Lexicon<>(values(), m -> m.words, m -> m.emoji);
}
