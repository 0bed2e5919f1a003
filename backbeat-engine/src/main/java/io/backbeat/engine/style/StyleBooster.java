package io.backbeat.engine.style;

import io.backbeat.engine.compose.Genre;
import io.backbeat.engine.compose.Instrument;
import io.backbeat.engine.compose.Mood;
import io.backbeat.engine.compose.StyleParser;
import io.backbeat.engine.compose.StyleProfile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Expands a rough style hint ("pop, mysterious") into richer style text from a genre knowledge base:
 * the caller's own words first, then the genre's tempo range (or the tempo the hint names), the
 * mood's colour, the genre's signature instruments (plus any the hint names) and its production.
 * The genre, mood, tempo and instruments are read by the same {@link StyleParser} the composer uses,
 * so the boosted text, given back to {@code generate}, makes the song it describes.
 */
public final class StyleBooster {
  /** Per genre: signature instruments (as a producer would name them) and the production. */
  record Knowledge(List<String> instruments, String production) {}

  private static final Map<Genre, Knowledge> GENRES = new EnumMap<>(Genre.class);

  static {
    put(Genre.LOFI, "dusty boom-bap drums, mellow Rhodes chords, warm upright bass, vinyl crackle", "tape-saturated, low-passed lo-fi mix with soft transients");
    put(Genre.TRAP, "booming 808s, rapid hi-hat rolls, snappy claps, dark bell melodies", "hard-hitting modern trap mix with heavy sub and crisp highs");
    put(Genre.DRUM_AND_BASS, "fast breakbeats, rolling sub bass, atmospheric pads, reese bass stabs", "tight, high-energy club mix with a deep low end");
    put(Genre.DUBSTEP, "half-time drums, wobbling mid bass, sub drops, sharp snares", "aggressive, heavily compressed festival mix");
    put(Genre.REGGAETON, "dembow rhythm, deep 808 bass, plucked synths, latin percussion", "punchy urban latin mix with a loud kick");
    put(Genre.AFROBEATS, "syncopated afro percussion, log drums, clean guitar licks, warm bass", "bouncy, sun-soaked mix with airy vocal layers");
    put(Genre.BOSSA_NOVA, "nylon-string guitar, brushed drums, upright bass, soft flute", "intimate, warm acoustic mix");
    put(Genre.SYNTHWAVE, "gated-reverb drums, analog synth bass, lush polysynth pads, soaring lead synth", "retro 80s mix with wide chorus and shimmering reverb");
    put(Genre.TRANCE, "four-on-the-floor kick, rolling offbeat bass, supersaw leads, arpeggiated synths", "big-room mix with long builds and euphoric drops");
    put(Genre.TECHNO, "driving kick, hypnotic synth stabs, rolling 16th bass, metallic percussion", "dark warehouse mix, minimal and relentless");
    put(Genre.HOUSE, "four-on-the-floor kick, offbeat bass, piano stabs, crisp claps", "clean club mix with a pumping sidechain");
    put(Genre.DISCO, "four-on-the-floor drums, octave bass, funky rhythm guitar, string stabs", "glossy 70s mix with live-band energy");
    put(Genre.FUNK, "tight syncopated drums, slap bass, choppy rhythm guitar, horn section", "dry, groovy live-band mix");
    put(Genre.RNB, "laid-back drums, smooth electric piano, deep bass, lush vocal harmonies", "silky, warm modern R&B mix");
    put(Genre.REGGAE, "one-drop drums, deep bass, offbeat guitar skank, organ bubble", "roomy, bass-heavy roots mix");
    put(Genre.JAZZ, "swinging ride cymbal, walking upright bass, piano comping, saxophone", "natural, live-in-the-room mix");
    put(Genre.HIP_HOP, "boom-bap drums, sampled piano loop, deep bass, scratches", "punchy, head-nodding mix with upfront vocals");
    put(Genre.METAL, "double-kick drums, down-tuned distorted guitars, driving bass, power chords", "loud, wall-of-sound metal mix");
    put(Genre.PUNK, "fast driving drums, distorted power-chord guitars, eighth-note bass", "raw, energetic garage mix");
    put(Genre.COUNTRY, "train-beat drums, acoustic guitar strumming, pedal steel, fiddle", "warm Nashville mix with clear vocals");
    put(Genre.FOLK, "fingerpicked acoustic guitar, soft percussion, upright bass, harmonica", "intimate, organic acoustic mix");
    put(Genre.AMBIENT, "evolving pads, drones, soft bells, distant textures", "spacious, slowly breathing mix with long reverb tails");
    put(Genre.ORCHESTRAL, "sweeping strings, French horns, timpani, choir", "cinematic, wide orchestral mix");
    put(Genre.BALLAD, "expressive piano, soft strings, gentle drums, warm bass", "emotional, spacious mix that leaves room for the voice");
    put(Genre.ROCK, "live drums, crunchy electric guitars, driving bass, guitar riffs", "energetic band mix with punchy drums");
    put(Genre.POP, "punchy drums, warm bass, bright piano chords, shimmering synth pads", "polished, radio-ready mix with crisp highs");
    for (Genre genre : Genre.values()) {
      if (!GENRES.containsKey(genre)) {
        throw new IllegalStateException("the style knowledge base has no entry for " + genre);
      }
    }
  }

  private static final Map<Mood, String> MOODS =
      new EnumMap<>(
          Map.of(
              Mood.MELLOW, "mellow, relaxed and warm",
              Mood.DARK, "dark, brooding and tense",
              Mood.UPLIFTING, "uplifting, bright and hopeful",
              Mood.ENERGETIC, "energetic, driving and intense",
              Mood.SAD, "melancholic, bittersweet and tender",
              Mood.NEUTRAL, ""));

  private StyleBooster() {}

  private static void put(Genre genre, String instruments, String production) {
    GENRES.put(genre, new Knowledge(List.of(instruments.split(",\\s*")), production));
  }

  /** The expanded style text for {@code hint}; never blank for a non-blank hint. */
  public static String boost(String hint) {
    if (hint == null || hint.isBlank()) {
      throw new IllegalArgumentException("a style hint is required");
    }
    StyleProfile profile = StyleParser.parse(hint, "", null, null, null, 0);
    Knowledge knowledge = GENRES.get(profile.genre());
    List<String> parts = new ArrayList<>();
    parts.add(hint.strip().replaceAll("[\\s,;.]+$", ""));
    if (!mentions(hint, profile.genre().label())) {
      parts.add(capitalise(profile.genre().label()));
    }
    parts.add(profile.bpmExplicit() ? profile.bpm() + " bpm" : profile.genre().bpmMin() + "-" + profile.genre().bpmMax() + " bpm");
    String mood = MOODS.get(profile.mood());
    if (!mood.isEmpty()) {
      parts.add(mood);
    }
    Set<String> instruments = new LinkedHashSet<>();
    for (Instrument wanted : profile.wanted()) {
      if (wanted != Instrument.DRUMS && wanted != Instrument.VOCALS && !mentions(hint, wanted.words().get(0))) {
        instruments.add("featured " + wanted.words().get(0));
      }
    }
    for (String instrument : knowledge.instruments()) {
      boolean excluded = profile.excluded().stream().anyMatch(i -> i.words().stream().anyMatch(instrument::contains));
      if (!excluded) {
        instruments.add(instrument);
      }
    }
    parts.addAll(instruments);
    parts.add(knowledge.production());
    return String.join(", ", parts);
  }

  private static boolean mentions(String text, String word) {
    return text.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT));
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
