package io.backbeat.engine.voice;

import io.backbeat.engine.compose.Arrangement;
import io.backbeat.engine.compose.Groove;
import io.backbeat.engine.compose.NoteEvent;
import io.backbeat.engine.compose.Part;
import io.backbeat.engine.compose.SungSyllable;
import io.backbeat.engine.compose.SungWord;
import io.backbeat.engine.render.PartRenderer;
import io.backbeat.engine.render.Stem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sings the vocal part's words on its notes: the stem a song's vocal is mixed from, and that
 * stems, vocal removal and timestamped lyrics rely on. Words are grouped into phrases at rests;
 * each phrase is sung by the diphone voice ({@link DiphoneSinger}), resampled to 44.1 kHz and
 * placed at its time, with a breath-and-sibilance band added above the diphones' 8 kHz.
 *
 * <p>Thread-safe: each thread keeps its own diphone voice (loaded once per thread, ~0.5 s).
 */
public final class Singer {
  private static final Logger log = LoggerFactory.getLogger(Singer.class);
  private static final ThreadLocal<DiphoneSinger> VOICES = ThreadLocal.withInitial(DiphoneSinger::new);
  /** A rest at least this long between two words starts a new phrase (a breath). */
  private static final double PHRASE_GAP_SECONDS = 0.3;
  private static final int MAX_PHRASE_WORDS = 16;
  /** Time before a phrase's first note for its first consonants (the score's upper bound). */
  private static final double ONSET_ROOM = 0.3;
  private static final float GAIN = 0.9f;

  /** Loads this thread's diphone voice now rather than in the first song. */
  public static void warmUp() {
    VOICES.get();
  }

  /**
   * The vocal stem of {@code arrangement}: its words sung on {@code vocal}'s notes (one note per
   * sung syllable, as the composer wrote them) by {@code voice}, {@code frames} long.
   */
  public Stem sing(Arrangement arrangement, Part vocal, Voice voice, int frames) {
    long started = System.nanoTime();
    int rate = PartRenderer.SAMPLE_RATE;
    float[] out = new float[frames];
    List<List<DiphoneSinger.Word>> phrases = new ArrayList<>();
    List<Double> origins = new ArrayList<>();
    phrases(arrangement, vocal, phrases, origins);
    DiphoneSinger singer = VOICES.get();
    VoiceTimbre timbre = voice.timbre();
    double inRate = DiphoneSinger.RATE * timbre.formantScale();
    for (int p = 0; p < phrases.size(); p++) {
      double origin = origins.get(p);
      DiphoneSinger.Sung sung = singer.sing(phrases.get(p), timbre);
      double rms = rms(sung.samples());
      if (!(rms > 30)) { // 16-bit units: about −60 dBFS
        log.warn("Phrase {} of the vocal came out silent (rms {}): \"{}\"", p, rms, text(phrases.get(p)));
        continue;
      }
      int offset = (int) Math.round(origin * rate);
      Resampler.addUpsampled(sung.samples(), inRate, GAIN, out, offset, rate);
      air(out, offset, sung.noisy(), (float) (timbre.air() * GAIN * rms / 32768f), p);
    }
    log.debug("Sang {} phrases ({}) in {} ms", phrases.size(), voice.label(), (System.nanoTime() - started) / 1_000_000);
    return new Stem(vocal.name(), out, out);
  }

  /**
   * Groups the sung words into phrases (split at rests and after {@link #MAX_PHRASE_WORDS}) with
   * their notes in phrase-local seconds, and each phrase's start in song seconds.
   */
  private static void phrases(Arrangement arrangement, Part vocal, List<List<DiphoneSinger.Word>> phrases,
      List<Double> origins) {
    Groove groove = arrangement.groove();
    List<NoteEvent> notes = new ArrayList<>(vocal.notes());
    notes.sort(Comparator.comparingDouble(NoteEvent::beat));
    List<SungSyllable> syllables = new ArrayList<>(arrangement.syllables());
    syllables.sort(Comparator.comparingDouble(SungSyllable::beat));
    int count = Math.min(notes.size(), syllables.size());
    int next = 0;
    List<Word> words = new ArrayList<>();
    for (SungWord w : arrangement.words()) {
      List<NoteEvent> own = new ArrayList<>();
      while (next < count && syllables.get(next).beat() < w.startBeat() - 1e-6) {
        next++;
      }
      while (next < count && syllables.get(next).beat() < w.endBeat() - 1e-6) {
        own.add(notes.get(next));
        next++;
      }
      if (!own.isEmpty()) {
        words.add(new Word(w.word(), own));
      }
    }
    List<Word> current = new ArrayList<>();
    double previousEnd = Double.NEGATIVE_INFINITY;
    for (Word w : words) {
      double start = groove.seconds(w.notes.get(0).beat());
      if (!current.isEmpty() && (start - previousEnd >= PHRASE_GAP_SECONDS || current.size() >= MAX_PHRASE_WORDS)) {
        addPhrase(current, groove, phrases, origins);
        current = new ArrayList<>();
      }
      current.add(w);
      NoteEvent last = w.notes.get(w.notes.size() - 1);
      previousEnd = groove.seconds(last.end());
    }
    if (!current.isEmpty()) {
      addPhrase(current, groove, phrases, origins);
    }
  }

  private record Word(String text, List<NoteEvent> notes) {}

  private static void addPhrase(List<Word> words, Groove groove, List<List<DiphoneSinger.Word>> phrases,
      List<Double> origins) {
    double origin = groove.seconds(words.get(0).notes.get(0).beat()) - ONSET_ROOM - DiphoneSinger.LEAD_SECONDS;
    List<DiphoneSinger.Word> phrase = new ArrayList<>();
    for (Word w : words) {
      List<DiphoneSinger.Note> notes = new ArrayList<>();
      for (NoteEvent n : w.notes) {
        notes.add(new DiphoneSinger.Note(groove.seconds(n.beat()) - origin, groove.seconds(n.end()) - origin, n.pitch()));
      }
      phrase.add(new DiphoneSinger.Word(singable(w.text), notes));
    }
    phrases.add(phrase);
    origins.add(origin);
  }

  /** The word as the front end should read it: letters, digits and inner apostrophes only. */
  static String singable(String word) {
    String cleaned = word.replaceAll("[^\\p{L}\\p{N}']+", "");
    return cleaned.isEmpty() ? "ah" : cleaned;
  }

  /**
   * Breath and sibilance above the diphone band: high-passed noise (≥ ~5 kHz) over each noisy
   * consonant, faded in and out; seeded per phrase, so a song renders the same every time.
   */
  private static void air(float[] out, int offset, List<double[]> spans, float level, int phrase) {
    if (level <= 0) {
      return;
    }
    int rate = PartRenderer.SAMPLE_RATE;
    SplittableRandom random = new SplittableRandom(0x5EED_0000L + phrase);
    // 2nd-order RBJ high-pass at 5 kHz.
    double w0 = 2 * Math.PI * 5000 / rate;
    double alpha = Math.sin(w0) / (2 * 0.7071);
    double cos = Math.cos(w0);
    double a0 = 1 + alpha;
    double b0 = (1 + cos) / 2 / a0;
    double b1 = -(1 + cos) / a0;
    double b2 = b0;
    double a1 = -2 * cos / a0;
    double a2 = (1 - alpha) / a0;
    int fade = (int) (0.008 * rate);
    for (double[] span : spans) {
      int from = offset + (int) Math.round(span[0] * rate);
      int to = offset + (int) Math.round(span[1] * rate);
      double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
      for (int i = Math.max(0, from); i < Math.min(out.length, to); i++) {
        double x = random.nextDouble() * 2 - 1;
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        int inside = Math.min(i - from, to - 1 - i);
        float envelope = inside >= fade ? 1f : inside / (float) fade;
        out[i] += (float) y * level * envelope;
      }
    }
  }

  private static double rms(short[] samples) {
    double sum = 0;
    for (short s : samples) {
      sum += (double) s * s;
    }
    return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
  }

  private static String text(List<DiphoneSinger.Word> phrase) {
    StringBuilder b = new StringBuilder();
    for (DiphoneSinger.Word w : phrase) {
      b.append(b.isEmpty() ? "" : " ").append(w.text());
    }
    return b.toString();
  }
}
