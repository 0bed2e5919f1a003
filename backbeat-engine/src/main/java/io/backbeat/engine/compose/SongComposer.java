package io.backbeat.engine.compose;

import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.Key;
import io.backbeat.engine.theory.Mode;
import io.backbeat.engine.theory.Tempo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/** Composes one clip: form, key, harmony, drums, bass, accompaniment and the sung line. */
public final class SongComposer {
  private static final double TAIL_SECONDS = 2.0;

  private final Syllabifier syllabifier;

  public SongComposer(Syllabifier syllabifier) {
    this.syllabifier = Objects.requireNonNull(syllabifier, "syllabifier is null");
  }

  public Arrangement compose(CompositionInput in) {
    StyleProfile style = in.style();
    Genre genre = style.genre();
    SplittableRandom songRandom = new SplittableRandom(in.songSeed());
    SplittableRandom random = new SplittableRandom(in.clipSeed());
    Tempo tempo = new Tempo(style.bpm());
    Key key = chooseKey(style, songRandom);
    boolean halfTime = genre.halfTimeFeel() || style.bpm() >= 150;
    int barsPerChord = halfTime || genre == Genre.AMBIENT ? 2 : 1;

    List<TextSection> text = in.instrumental() ? List.of() : in.text();
    int barsPerLine = Form.barsPerLine(style.bpm(), halfTime, maxSyllables(text));
    List<Form.Slot> slots = Form.layout(text, style.bpm(), halfTime, barsPerLine, in.minSeconds(), in.maxSeconds());

    Harmony harmony = new Harmony(genre, key, barsPerChord, style.adventure(), random.split());
    List<SectionPlan> sections = new ArrayList<>();
    int bar = 0;
    for (int i = 0; i < slots.size(); i++) {
      Form.Slot slot = slots.get(i);
      boolean last = i == slots.size() - 1;
      List<Chord> chords = harmony.bars(slot.kind(), slot.bars(), last);
      sections.add(new SectionPlan(slot.kind(), slot.label(), bar, slot.bars(), chords, slot.lines(),
          in.instrumental() ? 2 : slot.barsPerLine()));
      bar += slot.bars();
    }
    Groove groove = new Groove(tempo, genre.swing(), genre.swingsEighths());
    return arrange(in, key, groove, sections, bar, halfTime, random, TAIL_SECONDS, Fit.ALL);
  }

  /**
   * Composes one clip to fit a recording: the fit's tempo, key, downbeat and sections (their chords
   * too, where given) instead of the style's and the lyrics' own; the style still chooses the
   * instruments, grooves and textures. Lyric lines are sung in order over the sections that sing
   * (verses, choruses, bridges), as many as each section's bars hold; the chorus is sung again
   * when the lines run out. The arrangement lasts the fit's {@code totalSeconds}.
   */
  public Arrangement compose(CompositionInput in, Fit fit) {
    Objects.requireNonNull(fit, "fit is null");
    StyleProfile style = in.style();
    Genre genre = style.genre();
    SplittableRandom random = new SplittableRandom(in.clipSeed());
    Tempo tempo = new Tempo(fit.bpm());
    Key key = fit.key();
    boolean halfTime = genre.halfTimeFeel() || fit.bpm() >= 150;
    int barsPerChord = halfTime || genre == Genre.AMBIENT ? 2 : 1;
    List<TextSection> text = in.instrumental() ? List.of() : in.text();
    int barsPerLine = Form.barsPerLine(tempo.rounded(), halfTime, maxSyllables(text));
    List<Form.Slot> slots = Form.fitted(text, fit.sections(), barsPerLine);

    Harmony harmony = new Harmony(genre, key, barsPerChord, style.adventure(), random.split());
    List<SectionPlan> sections = new ArrayList<>();
    int bar = 0;
    for (int i = 0; i < slots.size(); i++) {
      Form.Slot slot = slots.get(i);
      Fit.Section given = fit.sections().get(i);
      boolean last = i == slots.size() - 1;
      List<Chord> chords = !given.chords().isEmpty() ? given.chords() : harmony.bars(slot.kind(), slot.bars(), last);
      sections.add(new SectionPlan(slot.kind(), slot.label(), bar, slot.bars(), chords, slot.lines(),
          in.instrumental() ? 2 : slot.barsPerLine()));
      bar += slot.bars();
    }
    Groove groove = new Groove(tempo, genre.swing(), genre.swingsEighths(), fit.offsetSeconds());
    double tail = TAIL_SECONDS;
    if (fit.totalSeconds() > 0) {
      tail = Math.max(0, fit.totalSeconds() - groove.seconds(bar * 4.0));
    }
    return arrange(in, key, groove, sections, bar, halfTime, random, tail, fit.roles());
  }

  private int maxSyllables(List<TextSection> text) {
    int maxSyllables = 0;
    for (TextSection section : text) {
      for (String line : section.lines()) {
        int count = 0;
        for (String w : syllabifier.words(line)) {
          count += Math.max(1, syllabifier.split(w).size());
        }
        maxSyllables = Math.max(maxSyllables, count);
      }
    }
    return maxSyllables;
  }

  /** Drums, bass, accompaniment, lead and the sung line over laid-out sections; keeps {@code roles}. */
  private Arrangement arrange(CompositionInput in, Key key, Groove groove, List<SectionPlan> sections,
      int totalBars, boolean halfTime, SplittableRandom random, double tailSeconds, Set<PartRole> roles) {
    StyleProfile style = in.style();
    Orchestration orchestra = Orchestration.choose(style, in.variant());

    List<Part> parts = new ArrayList<>();
    List<SungWord> words = new ArrayList<>();
    List<SungSyllable> syllables = new ArrayList<>();
    if (orchestra.drums()) {
      parts.add(drums(style, sections, random.split()));
    }
    if (orchestra.bass() >= 0) {
      parts.add(bass(style, key, sections, orchestra.bass(), random.split()));
    }
    parts.addAll(accompaniment(style, sections, orchestra, halfTime, random.split()));
    Melody lead = new Melody(key.scale(), new VoiceRange(orchestra.lead(), 62, 84), style.adventure(), random.split());
    List<NoteEvent> leadNotes = new ArrayList<>();
    if (in.instrumental()) {
      for (SectionPlan s : sections) {
        double density = switch (s.kind()) {
          case CHORUS, BREAK -> 1.0;
          case VERSE, BRIDGE, PRE_CHORUS -> 0.7;
          default -> 0;
        };
        if (density > 0) {
          lead.play(s, leadNotes, density);
        }
      }
    } else {
      SungLine line = in.voice().hasCentre()
          ? centred(key, in.voice(), style.adventure(), sections, random.split().nextLong())
          : sing(new Melody(key.scale(), in.voice(), style.adventure(), random.split()), sections);
      words.addAll(line.words());
      syllables.addAll(line.syllables());
      for (SectionPlan s : sections) {
        if (s.lines().isEmpty() && (s.kind() == SectionKind.BREAK || (s.kind() == SectionKind.INTRO && s.bars() >= 4))) {
          lead.play(s, leadNotes, 0.8);
        }
      }
      parts.add(new Part("vocal", PartRole.VOCAL, in.voice().program(), false, line.notes(), 0, 0, 0.28));
    }
    if (!leadNotes.isEmpty()) {
      parts.add(new Part(Part.named("lead", orchestra.lead()), PartRole.LEAD, orchestra.lead(), false, leadNotes, -4, 0.15, 0.3));
    }
    parts.removeIf(p -> p.notes().isEmpty() || !roles.contains(p.role()));
    if (!roles.contains(PartRole.VOCAL)) {
      words.clear();
      syllables.clear();
    }
    words.sort(Comparator.comparingDouble(SungWord::startBeat));
    syllables.sort(Comparator.comparingDouble(SungSyllable::beat));
    return new Arrangement(key, groove, totalBars, sections, parts, words, syllables, tailSeconds);
  }

  /** The sung notes of every section with lyrics, with their words and syllables. */
  private record SungLine(List<NoteEvent> notes, List<SungWord> words, List<SungSyllable> syllables) {
    /** The pitch (MIDI) the line spends half its sung time below. */
    double medianPitch() {
      List<NoteEvent> byPitch = new ArrayList<>(notes);
      byPitch.sort(Comparator.comparingInt(NoteEvent::pitch));
      double total = byPitch.stream().mapToDouble(NoteEvent::length).sum();
      double seen = 0;
      for (NoteEvent n : byPitch) {
        seen += n.length();
        if (seen >= total / 2) {
          return n.pitch();
        }
      }
      return Double.NaN;
    }
  }

  private SungLine sing(Melody melody, List<SectionPlan> sections) {
    List<NoteEvent> notes = new ArrayList<>();
    List<SungWord> words = new ArrayList<>();
    List<SungSyllable> syllables = new ArrayList<>();
    for (SectionPlan s : sections) {
      if (!s.lines().isEmpty()) {
        melody.sing(s, syllabifier, notes, words, syllables);
      }
    }
    return new SungLine(notes, words, syllables);
  }

  /**
   * The line written again, the same way (same random draws), with the range moved until its median
   * sits within a semitone of the range's centre: where a melody sits in its range depends on the key
   * and the motifs (several semitones either way), and a persona must be heard where it was measured.
   * The median does not follow a move of the range smoothly (the scale's steps and the phrase ends
   * jump), so moves around the first estimate are tried nearest first; a short line whose median
   * still jumps over the centre is written with other motifs (the next draws of the same seed).
   */
  private SungLine centred(Key key, VoiceRange range, double adventure, List<SectionPlan> sections, long seed) {
    SplittableRandom variants = new SplittableRandom(seed);
    SungLine best = null;
    for (int variant = 0; variant < 4 && !close(best, range); variant++) {
      long drawn = variant == 0 ? seed : variants.nextLong();
      SungLine first = sing(new Melody(key.scale(), range, adventure, new SplittableRandom(drawn)), sections);
      best = closer(best, first, range);
      int estimate = (int) Math.round(range.centre() - first.medianPitch());
      for (int distance = 0; distance <= 4 && !close(best, range); distance++) {
        for (int shift : distance == 0 ? new int[] {estimate} : new int[] {estimate - distance, estimate + distance}) {
          if (shift != 0 && !close(best, range)) {
            best = closer(best, sing(new Melody(key.scale(), range.shifted(shift), adventure, new SplittableRandom(drawn)), sections), range);
          }
        }
      }
    }
    return best;
  }

  private static double distance(SungLine line, VoiceRange range) {
    return line.notes().isEmpty() ? 0 : Math.abs(range.centre() - line.medianPitch());
  }

  private static boolean close(SungLine line, VoiceRange range) {
    return line != null && distance(line, range) < 1;
  }

  private static SungLine closer(SungLine best, SungLine line, VoiceRange range) {
    return best == null || distance(line, range) < distance(best, range) ? line : best;
  }

  private static Key chooseKey(StyleProfile style, SplittableRandom random) {
    double minor = style.genre().minorBias();
    minor = switch (style.mood()) {
      case DARK, SAD -> Math.max(minor, 0.9);
      case UPLIFTING -> Math.min(minor, 0.15);
      case ENERGETIC -> minor * 0.8;
      default -> minor;
    };
    Mode mode = random.nextDouble() < minor ? Mode.MINOR : Mode.MAJOR;
    return new Key(random.nextInt(12), mode);
  }

  private static Part drums(StyleProfile style, List<SectionPlan> sections, SplittableRandom random) {
    DrumPattern pattern = new DrumPattern(style.genre().drums(), style.adventure(), random);
    boolean gentle = style.ballad() || style.genre() == Genre.BALLAD || style.genre() == Genre.FOLK;
    List<NoteEvent> notes = new ArrayList<>();
    double previousEnergy = 0;
    for (int i = 0; i < sections.size(); i++) {
      SectionPlan s = sections.get(i);
      boolean firstVerse = s.kind() == SectionKind.VERSE && sections.subList(0, i).stream().noneMatch(x -> x.kind() == SectionKind.VERSE);
      if (gentle && (s.kind() == SectionKind.INTRO || firstVerse)) {
        previousEnergy = s.kind().energy();
        continue;
      }
      boolean nextDiffers = i + 1 < sections.size() && sections.get(i + 1).kind() != s.kind();
      double energy = s.kind().energy() * (gentle ? 0.85 : 1.0);
      for (int b = 0; b < s.bars(); b++) {
        boolean fill = nextDiffers && b == s.bars() - 1 && s.kind() != SectionKind.OUTRO;
        boolean arrival = b == 0 && s.kind().energy() > previousEnergy && s.kind() != SectionKind.INTRO;
        pattern.bar(notes, (s.startBar() + b) * 4.0, energy, b, s.bars(), fill, arrival, s.kind());
      }
      previousEnergy = s.kind().energy();
    }
    return new Part("drums", PartRole.DRUMS, 0, true, notes, 0, 0, 0.08);
  }

  private static Part bass(StyleProfile style, Key key, List<SectionPlan> sections, int program,
      SplittableRandom random) {
    BassStyle bassStyle = style.wants(Instrument.EIGHT_OH_EIGHT) && style.genre().bass() != BassStyle.SUB_LONG
        ? BassStyle.GLIDE_808 : style.genre().bass();
    BassLine line = new BassLine(bassStyle, key.scale(), style.adventure(), random);
    List<NoteEvent> notes = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      SectionPlan s = sections.get(i);
      for (int b = 0; b < s.bars(); b++) {
        int bar = s.startBar() + b;
        if (s.kind() == SectionKind.INTRO && b < s.bars() / 2 && s.bars() >= 4) {
          continue; // the bass enters halfway through the intro
        }
        Chord next = nextChord(sections, i, bar);
        line.bar(notes, bar * 4.0, s.chordAtBar(bar), next, s.kind().energy(), s.kind());
      }
    }
    return new Part("bass", PartRole.BASS, program, false, notes, 0, 0, 0.0);
  }

  private static List<Part> accompaniment(StyleProfile style, List<SectionPlan> sections,
      Orchestration orchestra, boolean halfTime, SplittableRandom random) {
    Accompaniment acc = new Accompaniment(orchestra.comp(), style.adventure(), random);
    List<NoteEvent> comp = new ArrayList<>();
    List<NoteEvent> pad = new ArrayList<>();
    List<NoteEvent> color = new ArrayList<>();
    boolean padEverywhere = style.genre() == Genre.AMBIENT || style.genre() == Genre.SYNTHWAVE
        || style.genre() == Genre.TRANCE || style.genre() == Genre.ORCHESTRAL;
    for (SectionPlan s : sections) {
      double energy = s.kind().energy();
      for (int b = 0; b < s.bars(); b++) {
        int bar = s.startBar() + b;
        Chord chord = s.chordAtBar(bar);
        acc.comp(comp, bar * 4.0, chord, energy, s.kind(), halfTime);
        if (orchestra.pad() >= 0 && (padEverywhere || energy >= 0.75 || s.kind() == SectionKind.BRIDGE)) {
          acc.pad(pad, bar * 4.0, chord, energy);
        }
        if (orchestra.color() >= 0 && (orchestra.colorAsked() || s.kind() == SectionKind.CHORUS || s.kind() == SectionKind.BREAK)) {
          acc.color(color, bar * 4.0, chord, orchestra.color(), energy);
        }
      }
    }
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(Part.named("keys", orchestra.chords()), PartRole.CHORDS, orchestra.chords(), false, comp, -4, -0.3, 0.22));
    if (!pad.isEmpty()) {
      parts.add(new Part(Part.named("pad", orchestra.pad()), PartRole.PAD, orchestra.pad(), false, pad, -9, 0.25, 0.45));
    }
    if (!color.isEmpty()) {
      parts.add(new Part(Part.named("color", orchestra.color()), PartRole.COLOR, orchestra.color(), false, color, -8, 0.4, 0.35));
    }
    return parts;
  }

  private static Chord nextChord(List<SectionPlan> sections, int sectionIndex, int bar) {
    SectionPlan s = sections.get(sectionIndex);
    if (bar + 1 < s.endBar()) {
      return s.chordAtBar(bar + 1);
    }
    if (sectionIndex + 1 < sections.size()) {
      SectionPlan next = sections.get(sectionIndex + 1);
      return next.chordAtBar(next.startBar());
    }
    return s.chordAtBar(bar);
  }
}
