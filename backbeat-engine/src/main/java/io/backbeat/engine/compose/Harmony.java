package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.Key;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses one progression per section kind from the genre's list and lays it out bar by bar.
 * Adventure swaps some chords for borrowed ones (modal mixture).
 */
final class Harmony {
  private final Key key;
  private final int barsPerChord;
  private final double adventure;
  private final SplittableRandom random;
  private final Map<SectionKind, List<Chord>> progressions = new EnumMap<>(SectionKind.class);

  Harmony(Genre genre, Key key, int barsPerChord, double adventure, SplittableRandom random) {
    this.key = key;
    this.barsPerChord = barsPerChord;
    this.adventure = adventure;
    this.random = random;
    List<String> pool = key.mode().isMinor() ? genre.minorProgressions() : genre.majorProgressions();
    int verseIndex = random.nextInt(pool.size());
    int chorusIndex = pool.size() > 1 ? (verseIndex + 1 + random.nextInt(pool.size() - 1)) % pool.size() : verseIndex;
    List<Chord> verse = parse(pool.get(verseIndex));
    List<Chord> chorus = parse(pool.get(chorusIndex));
    progressions.put(SectionKind.VERSE, verse);
    progressions.put(SectionKind.CHORUS, chorus);
    progressions.put(SectionKind.INTRO, random.nextBoolean() ? chorus : verse);
    progressions.put(SectionKind.BREAK, chorus);
    progressions.put(SectionKind.OUTRO, chorus);
    progressions.put(SectionKind.BRIDGE, bridgeOf(chorus));
    progressions.put(SectionKind.PRE_CHORUS, parse(key.mode().isMinor() ? "VI VII VI VII" : "IV V IV V"));
  }

  private List<Chord> parse(String progression) {
    List<Chord> chords = new ArrayList<>();
    for (String numeral : progression.trim().split("\\s+")) {
      chords.add(Chord.roman(key, numeral));
    }
    return chords;
  }

  /** The bridge leaves home: start on the subdominant side, keep the chorus's colours. */
  private List<Chord> bridgeOf(List<Chord> chorus) {
    String four = key.mode().isMinor() ? "iv" : "IV";
    String six = key.mode().isMinor() ? "VI" : "vi";
    boolean sevenths = chorus.stream().anyMatch(c -> c.quality().size() > 3);
    String suffix = sevenths ? "7" : "";
    String v = key.mode().isMinor() ? "v" : "V";
    return parse(six + suffix + " " + four + suffix + " " + six + suffix + " " + v + suffix);
  }

  /** One chord per bar for a section; the final bar of the song may be forced to the tonic. */
  List<Chord> bars(SectionKind kind, int bars, boolean endOnTonic) {
    List<Chord> progression = progressions.get(kind);
    List<Chord> out = new ArrayList<>(bars);
    for (int bar = 0; bar < bars; bar++) {
      int index = (bar / barsPerChord) % progression.size();
      Chord chord = progression.get(index);
      // Borrowed chords on the weak half of the progression only, so the section still lands.
      if (index % 2 == 1 && bar % barsPerChord == 0 && random.nextDouble() < adventure * 0.35) {
        chord = borrowed(chord);
      }
      out.add(chord);
    }
    if (endOnTonic && bars > 0) {
      Chord tonic = Chord.roman(key, key.mode().isMinor() ? "i" : "I");
      for (int bar = Math.max(0, bars - barsPerChord); bar < bars; bar++) {
        out.set(bar, tonic);
      }
    }
    return out;
  }

  private Chord borrowed(Chord original) {
    String[] pool = key.mode().isMinor() ? new String[] {"IV", "V", "bII", "VI"} : new String[] {"iv", "bVI", "bVII", "ii7"};
    Chord chord = Chord.roman(key, pool[random.nextInt(pool.length)]);
    return chord.root() == original.root() ? original : chord;
  }
}
