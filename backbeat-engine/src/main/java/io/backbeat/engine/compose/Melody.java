package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.Scale;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a melody line: one note per syllable, on a 16th grid, chord tones on the beats, mostly
 * stepwise, leaps resolved, a motif per section kind that repeats with variation, choruses higher
 * and longer, phrase ends on stable degrees.
 */
final class Melody {
  /** A line's rhythm and pitches, kept so a repeated chorus is sung the same way. */
  private record Phrase(double[] onsets, double[] lengths, int[] pitches) {}

  private final Scale scale;
  private final VoiceRange range;
  private final double adventure;
  private final SplittableRandom random;
  private final int tonicOffset; // octave shift (in semitones) that puts degree 0 in the range
  private final int lowDegree;
  private final int highDegree;
  private final Map<SectionKind, int[]> motifs = new EnumMap<>(SectionKind.class);
  private final Map<String, Phrase> phrases = new HashMap<>();

  Melody(Scale scale, VoiceRange range, double adventure, SplittableRandom random) {
    this.scale = scale;
    this.range = range;
    this.adventure = adventure;
    this.random = random;
    int tonic = scale.note(0);
    int wanted = range.low() + 4;
    this.tonicOffset = 12 * Math.round((wanted - tonic) / 12f);
    int low = 0;
    while (pitch(low - 1) >= range.low()) {
      low--;
    }
    while (pitch(low) < range.low()) {
      low++;
    }
    int high = low;
    while (pitch(high + 1) <= range.high()) {
      high++;
    }
    this.lowDegree = low;
    this.highDegree = high;
  }

  private int pitch(int degree) {
    return scale.note(degree) + tonicOffset;
  }

  /** Sings a section's lyric lines; appends notes and word timings. */
  void sing(SectionPlan section, Syllabifier syllabifier, List<NoteEvent> notes, List<SungWord> words,
      List<SungSyllable> syllables) {
    for (int line = 0; line < section.lines().size(); line++) {
      List<String> tokens = new ArrayList<>();
      List<Integer> syllableCounts = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (String word : syllabifier.words(section.lines().get(line))) {
        tokens.add(word);
        List<String> parts = syllabifier.split(word);
        if (parts.isEmpty()) {
          parts = List.of(word);
        }
        syllableCounts.add(parts.size());
        texts.addAll(parts);
      }
      if (tokens.isEmpty()) {
        continue;
      }
      int n = syllableCounts.stream().mapToInt(Integer::intValue).sum();
      double lineStart = (section.startBar() + line * section.barsPerLine()) * 4.0;
      boolean lastLine = line == section.lines().size() - 1;
      Phrase phrase = phrase(section, line, n, lastLine, lineStart);
      int syllable = 0;
      for (int w = 0; w < tokens.size(); w++) {
        int first = syllable;
        for (int s = 0; s < syllableCounts.get(w); s++, syllable++) {
          int velocity = 92 + (isBeat(phrase.onsets[syllable]) ? 10 : 0) + (section.kind() == SectionKind.CHORUS ? 6 : 0);
          notes.add(new NoteEvent(lineStart + phrase.onsets[syllable], phrase.lengths[syllable],
              phrase.pitches[syllable], velocity + random.nextInt(-4, 5)));
          syllables.add(new SungSyllable(texts.get(syllable), lineStart + phrase.onsets[syllable],
              phrase.lengths[syllable]));
        }
        int last = syllable - 1;
        words.add(new SungWord(tokens.get(w), lineStart + phrase.onsets[first],
            lineStart + phrase.onsets[last] + phrase.lengths[last]));
      }
    }
  }

  /** Plays an instrumental melody over a section (lead instrument, no words). */
  void play(SectionPlan section, List<NoteEvent> notes, double density) {
    int barsPerPhrase = section.barsPerLine();
    int phrasesInSection = Math.max(1, section.bars() / barsPerPhrase);
    for (int line = 0; line < phrasesInSection; line++) {
      int n = (int) Math.round((4 + random.nextInt(4)) * density * barsPerPhrase / 2.0);
      n = Math.max(2, n);
      double lineStart = (section.startBar() + line * barsPerPhrase) * 4.0;
      boolean lastLine = line == phrasesInSection - 1;
      SectionPlan shape = new SectionPlan(section.kind(), section.label(), section.startBar(),
          section.bars(), section.chords(), List.of(), barsPerPhrase);
      Phrase phrase = phrase(shape, line % 4, n, lastLine, lineStart);
      for (int i = 0; i < n; i++) {
        notes.add(new NoteEvent(lineStart + phrase.onsets[i], phrase.lengths[i], phrase.pitches[i],
            86 + (isBeat(phrase.onsets[i]) ? 10 : 0)));
      }
    }
  }

  private Phrase phrase(SectionPlan section, int line, int n, boolean lastLine, double lineStart) {
    String cacheKey = section.kind() + "#" + line + "#" + n + "#" + section.barsPerLine() + "#" + lastLine;
    Phrase cached = phrases.get(cacheKey);
    if (cached != null) { // one progression per section kind: a repeated section is sung alike
      return cached;
    }
    Phrase fresh = compose(section, line, n, lastLine, lineStart);
    phrases.put(cacheKey, fresh);
    return fresh;
  }

  private Phrase compose(SectionPlan section, int line, int n, boolean lastLine, double lineStart) {
    boolean chorus = section.kind() == SectionKind.CHORUS;
    int steps = section.barsPerLine() * 16;
    int rest = Math.max(2, steps / 8);
    double usable = steps - rest;
    int maxUnit = chorus ? 4 : 3;
    double unit = 1;
    for (int u = maxUnit; u >= 1; u--) {
      if (n * u + u <= usable) {
        unit = u;
        break;
      }
    }
    if (n * unit > usable) {
      unit = usable / n; // very long line: faster than 16ths
    }
    double[] durations = new double[n];
    for (int i = 0; i < n; i++) {
      durations[i] = unit;
    }
    // Dotted pairs give the line a lilt (more of them when asked to be adventurous).
    if (unit == 2 || unit == 4) {
      for (int i = 0; i + 1 < n - 1; i += 2) {
        if (random.nextDouble() < 0.2 + adventure * 0.35) {
          durations[i] = unit * 1.5;
          durations[i + 1] = unit * 0.5;
        }
      }
    }
    double used = 0;
    for (double d : durations) {
      used += d;
    }
    double leftover = usable - used;
    double extension = Math.min(leftover, chorus ? 8 : 4);
    durations[n - 1] += extension;
    leftover -= extension;
    double offset = 0;
    if (leftover >= 2 && !chorus && random.nextDouble() < 0.35) {
      offset = 2; // start on the "and" of one
    }
    double[] onsets = new double[n];
    double[] lengths = new double[n];
    double t = offset;
    for (int i = 0; i < n; i++) {
      onsets[i] = t * 0.25;
      double gap = i == n - 1 ? 0.5 : Math.min(0.3, durations[i] * 0.15);
      lengths[i] = Math.max(0.08, (durations[i] - gap) * 0.25);
      t += durations[i];
    }
    int[] pitches = pitches(section, line, n, lastLine, lineStart, onsets);
    return new Phrase(onsets, lengths, pitches);
  }

  private int[] pitches(SectionPlan section, int line, int n, boolean lastLine, double lineStart,
      double[] onsets) {
    int[] motif = motifs.computeIfAbsent(section.kind(), k -> newMotif());
    int anchor = anchor(section.kind());
    int lineShift = switch (line % 4) {
      case 1 -> 1;
      case 2 -> 0;
      case 3 -> -1;
      default -> 0;
    };
    int[] out = new int[n];
    int prev = Integer.MIN_VALUE;
    int prevMove = 0;
    for (int i = 0; i < n; i++) {
      int target = anchor + lineShift + motif[Math.min(motif.length - 1, i * motif.length / n)];
      if (random.nextDouble() < adventure * 0.2) {
        target += random.nextBoolean() ? 1 : -1;
      }
      double beat = lineStart + onsets[i];
      Chord chord = section.chordAtBar((int) Math.floor(beat / 4.0));
      boolean last = i == n - 1;
      int degree;
      if (prev != Integer.MIN_VALUE && Math.abs(prevMove) >= 4) {
        degree = prev - Integer.signum(prevMove); // resolve a leap by a step back
      } else if (isBeat(onsets[i]) || last) {
        degree = nearestChordTone(target, chord);
      } else if (prev != Integer.MIN_VALUE) {
        degree = Math.max(prev - 2, Math.min(prev + 2, target));
      } else {
        degree = target;
      }
      if (last) {
        degree = lastLine ? homeDegree(degree, chord) : nearestChordTone(degree, chord);
      }
      degree = Math.max(lowDegree, Math.min(highDegree, degree));
      if (prev != Integer.MIN_VALUE) {
        prevMove = degree - prev;
      }
      prev = degree;
      out[i] = pitch(degree);
    }
    return out;
  }

  private int[] newMotif() {
    int[] motif = new int[8];
    int value = 0;
    int[] moves = {-2, -1, -1, 0, 1, 1, 2, 3};
    for (int i = 0; i < motif.length; i++) {
      motif[i] = value;
      value += moves[random.nextInt(moves.length)];
      value = Math.max(-3, Math.min(4, value));
    }
    return motif;
  }

  private int anchor(SectionKind kind) {
    int span = highDegree - lowDegree;
    int base = lowDegree + span / 3;
    return switch (kind) {
      case CHORUS -> base + 3;
      case PRE_CHORUS, BRIDGE -> base + 2;
      case INTRO, OUTRO, BREAK -> base + 2;
      default -> base;
    };
  }

  private int nearestChordTone(int target, Chord chord) {
    for (int distance = 0; distance <= 3; distance++) {
      for (int sign : new int[] {1, -1}) {
        int d = target + sign * distance;
        if (d >= lowDegree && d <= highDegree && chord.contains(pitch(d))) {
          return d;
        }
      }
    }
    return target;
  }

  /** The end of a section: the tonic when the chord holds it, else the nearest chord tone. */
  private int homeDegree(int near, Chord chord) {
    for (int distance = 0; distance <= 4; distance++) {
      for (int sign : new int[] {-1, 1}) {
        int d = near + sign * distance;
        if (Math.floorMod(d, 7) == 0 && chord.contains(pitch(d)) && d >= lowDegree && d <= highDegree) {
          return d;
        }
      }
    }
    return nearestChordTone(near, chord);
  }

  private static boolean isBeat(double beatInLine) {
    return Math.abs(beatInLine - Math.rint(beatInLine)) < 1e-6;
  }

  /** Strips punctuation around a word, keeping inner apostrophes and hyphens. */
  static String clean(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && !Character.isLetterOrDigit(raw.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(raw.charAt(end - 1))) {
      end--;
    }
    return raw.substring(start, end);
  }
}
