package io.backbeat.engine.voice;

import com.sun.speech.freetts.Age;
import com.sun.speech.freetts.Gender;
import com.sun.speech.freetts.Item;
import com.sun.speech.freetts.ProcessException;
import com.sun.speech.freetts.Relation;
import com.sun.speech.freetts.Token;
import com.sun.speech.freetts.Tokenizer;
import com.sun.speech.freetts.Utterance;
import com.sun.speech.freetts.UtteranceProcessor;
import com.sun.speech.freetts.en.us.CMUDiphoneVoice;
import com.sun.speech.freetts.en.us.CMULexicon;
import com.sun.speech.freetts.relp.LPCResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sings one phrase with FreeTTS's CMU diphone voice (kal, 16 kHz, residual-excited LPC): FreeTTS's
 * front end gives the pronunciation (CMU dictionary, then letter-to-sound rules for unknown
 * words) and picks the diphones; its prosody models are replaced by the score. Each syllable's
 * onset consonants are timed to end on the note's start, so the vowel lands on the beat; the vowel
 * is held to the next syllable's consonants (legato) or to the note's end before a pause; coda
 * consonants close the note. The pitch contour glides into every note and adds vibrato on held
 * notes.
 *
 * <p>The formant scale is done by time and pitch: the phrase is synthesised with pitch divided by
 * the scale and times multiplied by it, and its samples are later read at 16 kHz × scale, which
 * puts the timing and pitch back and moves every formant up by the scale.
 *
 * <p>Not thread-safe (a FreeTTS voice keeps per-utterance state): one per thread.
 */
final class DiphoneSinger {
  /** The diphone voice's sample rate. */
  static final int RATE = 16000;
  /** Silence before the first consonant of a phrase, so no diphone is cut. */
  static final double LEAD_SECONDS = 0.12;
  private static final double TAIL_SECONDS = 0.08;
  private static final double MIN_VOWEL = 0.045;

  /** A note of a phrase, in phrase-local seconds. */
  record Note(double start, double end, double midi) {}

  /** A word and the notes its syllables are sung on, in order. */
  record Word(String text, List<Note> notes) {}

  /**
   * A sung phrase at {@link #RATE} × {@code formantScale}: samples, and the spans (phrase-local
   * seconds) of the consonants whose noise belongs above the diphone voice's 8 kHz band.
   */
  record Sung(short[] samples, List<double[]> noisy) {}

  private static final Object ALLOCATION = new Object();

  private final CMUDiphoneVoice voice;
  private final List<UtteranceProcessor> front = new ArrayList<>();
  private final List<UtteranceProcessor> back = new ArrayList<>();

  DiphoneSinger() {
    CMULexicon lexicon = new CMULexicon("cmudict04");
    voice = new CMUDiphoneVoice("kevin16", Gender.MALE, Age.YOUNGER_ADULT, "singer", Locale.US,
        "general", "cmu", lexicon, CMUDiphoneVoice.class.getResource("cmu_us_kal/cmu_us_kal16.bin"));
    // FreeTTS's lexicon and voice loading share static state: two singers allocating at once (two
    // clips rendering in parallel) corrupt each other's letter-to-sound tables, so one at a time
    synchronized (ALLOCATION) {
      voice.allocate();
    }
    boolean past = false;
    for (Object o : voice.getUtteranceProcessors()) {
      UtteranceProcessor p = (UtteranceProcessor) o;
      String name = p.getClass().getSimpleName();
      if (name.equals("Durator") || name.equals("ContourGenerator")) {
        past = true; // replaced by the score
        continue;
      }
      (past ? back : front).add(p);
    }
    if (!past || back.isEmpty()) {
      throw new IllegalStateException("unexpected FreeTTS pipeline: " + voice.getUtteranceProcessors());
    }
  }

  Sung sing(List<Word> words, VoiceTimbre timbre) {
    StringBuilder text = new StringBuilder();
    for (Word w : words) {
      text.append(w.text()).append(' ');
    }
    Tokenizer tokenizer = voice.getTokenizer();
    tokenizer.setInputText(text.toString().strip());
    List<Token> tokens = new ArrayList<>();
    while (tokenizer.hasMoreTokens()) {
      tokens.add(tokenizer.getNextToken());
    }
    Utterance utterance = new Utterance(voice, tokens);
    List<double[]> noisy = new ArrayList<>();
    try {
      for (UtteranceProcessor p : front) {
        p.processUtterance(utterance);
      }
      score(utterance, words, timbre, noisy);
      for (UtteranceProcessor p : back) {
        p.processUtterance(utterance);
      }
    } catch (ProcessException e) {
      throw new IllegalStateException("FreeTTS failed on \"" + text.toString().strip() + "\"", e);
    }
    byte[] bytes = ((LPCResult) utterance.getObject("target_lpcres")).getWaveSamples();
    short[] samples = new short[bytes.length / 2];
    for (int i = 0; i < samples.length; i++) { // 16-bit big-endian
      samples[i] = (short) ((bytes[2 * i] << 8) | (bytes[2 * i + 1] & 0xff));
    }
    return new Sung(samples, noisy);
  }

  /** One syllable of the utterance and the notes it is sung on. */
  private static final class Syl {
    final List<Item> segments = new ArrayList<>(); // in the Segment relation
    final List<Note> notes;
    int nucleus;
    double onsetStart;
    double vowelStart;
    double vowelEnd;
    double end;

    Syl(List<Note> notes) {
      this.notes = notes;
    }

    double start() {
      return notes.get(0).start();
    }

    double noteEnd() {
      return notes.get(notes.size() - 1).end();
    }
  }

  /** Sets every segment's end time and the pitch targets from the notes (phrase-local seconds). */
  private void score(Utterance utterance, List<Word> words, VoiceTimbre timbre, List<double[]> noisy) {
    List<Syl> syls = syllables(utterance, words);
    double k = timbre.formantScale();
    Relation segments = utterance.getRelation(Relation.SEGMENT);
    if (syls.isEmpty()) {
      // Nothing could be aligned: keep the pauses minimal; the phrase stays silent.
      for (Item s = segments.getHead(); s != null; s = s.getNext()) {
        s.getFeatures().setFloat("end", (float) (k * LEAD_SECONDS));
      }
      Relation targets = utterance.createRelation(Relation.TARGET);
      target(targets, 0, 120);
      target(targets, LEAD_SECONDS * k, 120);
      return;
    }
    // Onsets end on the note's start; they may take at most half the previous syllable's time.
    double previousStart = Double.NaN;
    for (Syl syl : syls) {
      double onset = 0;
      for (int i = 0; i < syl.nucleus; i++) {
        onset += Phones.duration(name(syl.segments.get(i)));
      }
      double room = Double.isNaN(previousStart) ? 0.3 : 0.5 * (syl.start() - previousStart);
      double squeeze = onset > room ? room / onset : 1;
      syl.onsetStart = syl.start() - onset * squeeze;
      syl.vowelStart = syl.start();
      double t = syl.onsetStart;
      for (int i = 0; i < syl.nucleus; i++) {
        Item seg = syl.segments.get(i);
        double d = Phones.duration(name(seg)) * squeeze;
        end(seg, t + d, k);
        if (Phones.noisy(name(seg))) {
          noisy.add(new double[] {t, t + d});
        }
        t += d;
      }
      previousStart = syl.start();
    }
    for (int n = 0; n < syls.size(); n++) {
      Syl syl = syls.get(n);
      Item last = syl.segments.get(syl.segments.size() - 1);
      Item after = last.getNext();
      boolean legato = n + 1 < syls.size() && after != null && !Phones.isPause(name(after));
      double release = legato ? syls.get(n + 1).onsetStart : syl.noteEnd();
      double coda = 0;
      for (int i = syl.nucleus + 1; i < syl.segments.size(); i++) {
        coda += Phones.duration(name(syl.segments.get(i)));
      }
      double span = Math.max(release - syl.vowelStart, MIN_VOWEL + 0.01);
      double codaSqueeze = coda > 0.4 * span ? 0.4 * span / coda : 1;
      syl.vowelEnd = Math.max(syl.vowelStart + MIN_VOWEL, release - coda * codaSqueeze);
      end(syl.segments.get(syl.nucleus), syl.vowelEnd, k);
      double t = syl.vowelEnd;
      for (int i = syl.nucleus + 1; i < syl.segments.size(); i++) {
        Item seg = syl.segments.get(i);
        double d = Phones.duration(name(seg)) * codaSqueeze;
        end(seg, t + d, k);
        if (Phones.noisy(name(seg))) {
          noisy.add(new double[] {t, t + d});
        }
        t += d;
      }
      syl.end = t;
    }
    // Pauses fill the gaps: up to the next syllable's first consonant, or a short tail.
    double previousEnd = 0;
    for (Item s = segments.getHead(); s != null; s = s.getNext()) {
      if (Phones.isPause(name(s))) {
        double next = nextOnset(s, syls);
        double e = Double.isNaN(next) ? previousEnd + TAIL_SECONDS : Math.max(next, previousEnd + 0.01);
        end(s, e, k);
      }
      double e = s.getFeatures().isPresent("end") ? s.getFeatures().getFloat("end") / k : previousEnd;
      if (e < previousEnd + 0.004) { // keep time moving forward whatever the alignment did
        e = previousEnd + 0.004;
        end(s, e, k);
      }
      previousEnd = e;
    }
    contour(utterance.createRelation(Relation.TARGET), syls, timbre, previousEnd);
  }

  /** The onset start of the first syllable after segment {@code s}, or NaN if none follows. */
  private static double nextOnset(Item s, List<Syl> syls) {
    for (Item n = s.getNext(); n != null; n = n.getNext()) {
      for (Syl syl : syls) {
        if (!syl.segments.isEmpty() && syl.segments.get(0) == n) {
          return syl.onsetStart;
        }
      }
    }
    return Double.NaN;
  }

  /**
   * The utterance's syllables, each with the notes of its word it is sung on: a word's notes are
   * shared out over its dictionary syllables (two syllables may share a note, or one be held over
   * several notes). Tokens and the score's words correspond one to one.
   */
  private static List<Syl> syllables(Utterance utterance, List<Word> words) {
    List<Syl> out = new ArrayList<>();
    int w = 0;
    for (Item token = utterance.getRelation(Relation.TOKEN).getHead(); token != null && w < words.size();
        token = token.getNext(), w++) {
      List<Note> notes = words.get(w).notes();
      List<List<Item>> wordSyllables = new ArrayList<>();
      for (Item word = token.getDaughter(); word != null; word = word.getNext()) {
        Item structure = word.getItemAs(Relation.SYLLABLE_STRUCTURE);
        if (structure == null) {
          continue;
        }
        for (Item syllable = structure.getDaughter(); syllable != null; syllable = syllable.getNext()) {
          List<Item> segs = new ArrayList<>();
          for (Item seg = syllable.getDaughter(); seg != null; seg = seg.getNext()) {
            Item inSegments = seg.getItemAs(Relation.SEGMENT);
            if (inSegments != null) {
              segs.add(inSegments);
            }
          }
          if (!segs.isEmpty()) {
            wordSyllables.add(segs);
          }
        }
      }
      int m = wordSyllables.size();
      int n = notes.size();
      if (m == 0 || n == 0) {
        continue;
      }
      if (m <= n) { // one syllable over one or more notes
        for (int j = 0; j < m; j++) {
          int from = j * n / m;
          int to = (j + 1) * n / m;
          Syl syl = new Syl(List.copyOf(notes.subList(from, to)));
          syl.segments.addAll(wordSyllables.get(j));
          out.add(syl);
        }
      } else { // more syllables than notes: neighbours share a note, split evenly in time
        for (int j = 0; j < m; j++) {
          int note = j * n / m;
          int first = (int) Math.ceil(note * (double) m / n);
          int count = (int) Math.ceil((note + 1) * (double) m / n) - first;
          Note whole = notes.get(note);
          double part = (whole.end() - whole.start()) / Math.max(1, count);
          double s = whole.start() + (j - first) * part;
          Syl syl = new Syl(List.of(new Note(s, s + part, whole.midi())));
          syl.segments.addAll(wordSyllables.get(j));
          out.add(syl);
        }
      }
    }
    for (Syl syl : out) {
      syl.nucleus = nucleus(syl.segments);
    }
    return out;
  }

  private static int nucleus(List<Item> segments) {
    for (int i = 0; i < segments.size(); i++) {
      if (Phones.isVowel(name(segments.get(i)))) {
        return i;
      }
    }
    for (int i = 0; i < segments.size(); i++) {
      if (Phones.isSonorant(name(segments.get(i)))) {
        return i;
      }
    }
    return segments.size() / 2;
  }

  /**
   * Pitch targets: before each note the previous pitch, a glide into the note, the note held
   * (with vibrato swelling in on long notes); the phrase starts with a scoop from below.
   */
  private static void contour(Relation targets, List<Syl> syls, VoiceTimbre timbre, double phraseEnd) {
    double k = timbre.formantScale();
    double glide = timbre.glideSeconds();
    List<double[]> points = new ArrayList<>();
    Syl first = syls.get(0);
    double firstHz = hz(first.notes.get(0).midi());
    double scooped = firstHz * Math.pow(2, -timbre.scoopCents() / 1200);
    points.add(new double[] {0, scooped});
    points.add(new double[] {first.onsetStart, scooped});
    double previousHz = scooped;
    for (int n = 0; n < syls.size(); n++) {
      Syl syl = syls.get(n);
      double until = n + 1 < syls.size() ? syls.get(n + 1).onsetStart : phraseEnd;
      for (int i = 0; i < syl.notes.size(); i++) {
        Note note = syl.notes.get(i);
        double f = hz(note.midi());
        double start = note.start();
        double stop = i + 1 < syl.notes.size() ? syl.notes.get(i + 1).start() : Math.max(until, start + 0.02);
        points.add(new double[] {start, previousHz});
        double reached = Math.min(start + glide, start + 0.5 * (stop - start));
        points.add(new double[] {reached, f});
        double vibratoFrom = start + timbre.vibratoDelaySeconds();
        if (timbre.vibratoCents() > 0 && timbre.vibratoHz() > 0 && stop - vibratoFrom > 0.15) {
          double step = 1 / (timbre.vibratoHz() * 8);
          for (double t = vibratoFrom; t < stop - step; t += step) {
            double swell = Math.min(1, (t - vibratoFrom) / 0.25);
            double cents = timbre.vibratoCents() * swell * Math.sin(2 * Math.PI * timbre.vibratoHz() * (t - vibratoFrom));
            points.add(new double[] {t, f * Math.pow(2, cents / 1200)});
          }
        }
        points.add(new double[] {stop, f});
        previousHz = f;
      }
    }
    points.add(new double[] {phraseEnd + 0.05, previousHz});
    double last = -1;
    for (double[] p : points) {
      if (p[0] <= last) {
        continue; // targets must move forward in time
      }
      target(targets, p[0] * k, p[1] / k);
      last = p[0];
    }
  }

  private static void target(Relation targets, double pos, double f0) {
    Item t = targets.appendItem();
    t.getFeatures().setFloat("pos", (float) pos);
    t.getFeatures().setFloat("f0", (float) f0);
  }

  private static void end(Item segment, double seconds, double k) {
    segment.getFeatures().setFloat("end", (float) (seconds * k));
  }

  private static String name(Item segment) {
    return segment.getFeatures().getString("name");
  }

  static double hz(double midi) {
    return 440 * Math.pow(2, (midi - 69) / 12);
  }
}
