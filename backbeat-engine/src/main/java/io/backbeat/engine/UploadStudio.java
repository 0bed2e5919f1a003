package io.backbeat.engine;

import io.backbeat.engine.analysis.AudioAnalysis;
import io.backbeat.engine.analysis.AudioAnalyzer;
import io.backbeat.engine.analysis.KWeighting;
import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.art.CoverArtist;
import io.backbeat.engine.compose.Arrangement;
import io.backbeat.engine.compose.CompositionInput;
import io.backbeat.engine.compose.Fit;
import io.backbeat.engine.compose.PartRole;
import io.backbeat.engine.compose.SectionKind;
import io.backbeat.engine.compose.SongComposer;
import io.backbeat.engine.compose.StyleParser;
import io.backbeat.engine.compose.StyleProfile;
import io.backbeat.engine.compose.SungWord;
import io.backbeat.engine.compose.TextSection;
import io.backbeat.engine.compose.VoiceRange;
import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavStreamWriter;
import io.backbeat.engine.lyrics.Lyrics;
import io.backbeat.engine.lyrics.LyricsRequest;
import io.backbeat.engine.render.Mixer;
import io.backbeat.engine.render.PartRenderer;
import io.backbeat.engine.render.StemAudio;
import io.backbeat.engine.render.StreamedMastering;
import io.backbeat.engine.source.SourceAudio;
import io.backbeat.engine.theory.Chord;
import io.backbeat.engine.theory.Key;
import io.backbeat.engine.voice.Voice;
import io.backbeat.engine.voice.VoiceCaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The studio's work on uploaded recordings, always fitted to their {@link AudioAnalysis} (tempo with
 * its fraction, downbeat, key, sections and bar chords):
 *
 * <ul>
 *   <li>a <b>cover</b> re-arranges the recording in the request's style: the same tempo, key,
 *       section lengths (and chords), the same length, a new performance ({@link #planCover});
 *   <li>a <b>continuation</b> appends new material after a bar line near {@code continueAt}, in the
 *       recording's tempo and key, crossfaded over the last beat before the splice and level-matched
 *       to the bars before it ({@link #planContinuation}, {@link #renderContinuation});
 *   <li>an <b>overdub</b> plays new parts over the recording, on its grid and chords: a sung vocal
 *       over an instrumental, or drums, bass and chords under a vocal ({@link #planOverdub},
 *       {@link #renderOverdub}); the mix and the new part alone are outputs.
 * </ul>
 *
 * Plans are fast and make no audio; renders write MP3s, stems (44.1 kHz 16-bit WAV, each at its
 * level in the mix, every stem as long as the clip) and cover art into a folder.
 */
public final class UploadStudio {
  /** What an overdub adds. */
  public enum Overdub {
    /** A sung line over an instrumental. */
    VOCALS,
    /** Drums, bass, chords and pads under a vocal (no lead, no second voice). */
    ACCOMPANIMENT
  }

  /** The stem name of the uploaded recording's share of a clip (for separation later). */
  public static final String UPLOAD_STEM = "upload";

  private static final Set<PartRole> ACCOMPANIMENT_ROLES =
      EnumSet.of(PartRole.DRUMS, PartRole.BASS, PartRole.CHORDS, PartRole.PAD, PartRole.COLOR);
  private static final Pattern BPM_WORDS = Pattern.compile("(?i)(?<![0-9.])[0-9]{2,3}(?:\\.[0-9]+)?\\s*-?\\s*bpm\\b");
  /** Where the new vocal sits against the instrumental, and the accompaniment against the voice (LU). */
  private static final double VOCAL_OVER_INSTRUMENTAL_LU = -1;
  private static final double ACCOMPANIMENT_OVER_VOCAL_LU = 2;
  /** A key correlation lead below this is a guess (see {@link AudioAnalysis#keyConfidence()}). */
  private static final double UNCLEAR_KEY = 0.03;
  /** Bars before and after a splice whose levels are matched. */
  private static final int MATCH_BARS = 4;

  private final Studio studio;
  private final SongComposer composer = new SongComposer(LyricsAdapter.SYLLABLES);
  private final CoverArtist artist = new CoverArtist();

  public UploadStudio(Studio studio) {
    this.studio = Objects.requireNonNull(studio, "studio is null");
  }

  // ---- plans ----

  /**
   * Two covers of the analysed recording in the request's style: each keeps the recording's tempo,
   * downbeat, key, sections (their kinds follow their loudness) and bar chords, and lasts exactly as
   * long; vocals sing the request's lyrics (custom mode) or lyrics written from its idea.
   */
  public SongPlan planCover(SongRequest request, AudioAnalysis analysis) {
    Written w = write(request, analysis, request.instrumental());
    Fit fit = new Fit(analysis.bpm(), analysis.downbeatSeconds(), analysis.key(), fittedSections(analysis), analysis.durationSeconds(), Fit.ALL);
    return plan(request, w, fit, analysis);
  }

  /**
   * Two overdubs for the analysed recording: {@link Overdub#VOCALS} sings over all of it;
   * {@link Overdub#ACCOMPANIMENT} plays under all of it. Both follow its grid, key and chords and
   * last exactly as long; when a voice leaves the key unclear, an accompaniment takes the tonic
   * from the voice's pitch centre and composes its chords in that key.
   */
  public SongPlan planOverdub(SongRequest request, AudioAnalysis analysis, Overdub what) {
    boolean instrumental = what == Overdub.ACCOMPANIMENT;
    Written w = write(request, analysis, instrumental);
    Set<PartRole> roles = instrumental ? ACCOMPANIMENT_ROLES : EnumSet.of(PartRole.VOCAL);
    Key key = analysis.key();
    List<Fit.Section> sections = fittedSections(analysis);
    if (instrumental && analysis.keyConfidence() < UNCLEAR_KEY && !Double.isNaN(analysis.pitchCentreMidi())) {
      // a bare voice can leave the key unclear: the tonic where the melody centres, and chords composed in it
      key = new Key(Math.floorMod((int) Math.round(analysis.pitchCentreMidi()), 12), key.mode());
      sections = sections.stream().map(s -> new Fit.Section(s.kind(), s.bars())).toList();
    }
    Fit fit = new Fit(analysis.bpm(), analysis.downbeatSeconds(), key, sections, analysis.durationSeconds(), roles);
    return plan(request, w, fit, analysis);
  }

  /**
   * Two continuations from {@code spliceSeconds} (a bar line; see {@link #spliceAt}): a pickup bar
   * on the recording's chord there (heard only over the crossfade), then the lyrics' sections (or,
   * for instrumentals, a verse and a chorus of 8 bars) and a 4-bar outro, in the recording's tempo
   * and key. Sections are dropped from the end until the continuation fits {@code maxSeconds}.
   */
  public SongPlan planContinuation(SongRequest request, AudioAnalysis analysis, double spliceSeconds, double maxSeconds) {
    Written w = write(request, analysis, request.instrumental());
    int bar = (int) Math.round((spliceSeconds - analysis.downbeatSeconds()) / analysis.barSeconds());
    List<Chord> pickupChord = bar >= 1 && bar - 1 < analysis.barChords().size() ? List.of(analysis.barChords().get(bar - 1)) : List.of();
    List<Fit.Section> body = new ArrayList<>();
    for (TextSection t : w.text()) {
      if (!t.lines().isEmpty()) {
        body.add(new Fit.Section(t.kind() == SectionKind.INTRO || t.kind() == SectionKind.OUTRO ? SectionKind.VERSE : t.kind(), Fit.Section.AS_SUNG));
      }
    }
    if (body.isEmpty()) {
      body.add(new Fit.Section(SectionKind.VERSE, 8));
      body.add(new Fit.Section(SectionKind.CHORUS, 8));
    }
    SectionKind pickupKind = body.get(0).kind();
    while (true) {
      List<Fit.Section> sections = new ArrayList<>();
      sections.add(new Fit.Section(pickupKind, 1, pickupChord));
      sections.addAll(body);
      sections.add(new Fit.Section(SectionKind.OUTRO, 4));
      Fit fit = new Fit(analysis.bpm(), 0, analysis.key(), sections, 0, Fit.ALL);
      SongPlan plan = plan(request, w, fit, analysis);
      double length = plan.clips().stream().mapToDouble(ClipPlan::durationSeconds).max().orElse(0) - analysis.barSeconds();
      if (length <= maxSeconds || body.size() <= 1) {
        return plan;
      }
      body.remove(body.size() - 1);
    }
  }

  /**
   * Two replacements for the window [{@code startSeconds}, {@code endSeconds}) of the analysed
   * recording: whole bars, from the last bar line at least a beat before the window to the first at
   * least a beat after it (so the crossfades fall inside the render), in the recording's tempo, key
   * and bar chords, singing the request's lyrics (or its idea's).
   */
  public SongPlan planReplacement(SongRequest request, AudioAnalysis analysis, double startSeconds, double endSeconds) {
    Written w = write(request, analysis, request.instrumental());
    int first = replacementFirstBar(analysis, startSeconds);
    int last = (int) Math.ceil((endSeconds + analysis.beatSeconds() - analysis.downbeatSeconds()) / analysis.barSeconds());
    int bars = Math.max(1, last - first);
    List<Chord> chords = new ArrayList<>();
    List<Chord> known = analysis.barChords();
    for (int b = first; b < first + bars && !known.isEmpty(); b++) {
      chords.add(known.get(Math.max(0, Math.min(known.size() - 1, b))));
    }
    Fit fit = new Fit(analysis.bpm(), 0, analysis.key(), List.of(new Fit.Section(SectionKind.VERSE, bars, chords)), 0, Fit.ALL);
    return plan(request, w, fit, analysis);
  }

  /** The bar a replacement's render starts on (negative when the window starts before the recording's first full bar). */
  public static int replacementFirstBar(AudioAnalysis analysis, double startSeconds) {
    return (int) Math.floor((startSeconds - analysis.beatSeconds() - analysis.downbeatSeconds()) / analysis.barSeconds());
  }

  /**
   * Where the window may be spliced: [start, end) in whole samples, with the crossfades (half a beat,
   * at most 250 ms) outside it. Everything before {@code start − fade} and from {@code end + fade} on
   * is the recording's own samples.
   */
  public record Splice(int start, int end, int fade) {}

  public static Splice splice(AudioAnalysis analysis, SourceAudio source, double startSeconds, double endSeconds) {
    int rate = SourceAudio.SAMPLE_RATE;
    int total = (int) source.frames();
    int start = (int) Math.max(0, Math.min(total, Math.round(startSeconds * rate)));
    int end = (int) Math.max(start, Math.min(total, Math.round(endSeconds * rate)));
    int fade = (int) Math.min(Math.round(Math.min(0.25, analysis.beatSeconds() / 2) * rate), Math.min(start, total - end));
    return new Splice(start, end, Math.max(0, fade));
  }

  /**
   * Where a continuation asked for at {@code continueAt} (null: the recording's end) is spliced: the
   * nearest bar line, or, when that is more than a beat away or past the end, the nearest beat at or
   * before the end; never before the first beat.
   */
  public static double spliceAt(AudioAnalysis analysis, Double continueAt) {
    double end = analysis.durationSeconds();
    double target = continueAt == null ? end : Math.min(continueAt, end);
    double line = analysis.nearestGridLine(target, true);
    if (line > end + 1e-6 || Math.abs(line - target) > analysis.beatSeconds()) {
      line = analysis.nearestGridLine(target, false);
      while (line > end + 1e-6) {
        line -= analysis.beatSeconds();
      }
    }
    if (line < analysis.beatSeconds()) {
      line = Math.min(end, Math.max(target, analysis.beatSeconds()));
    }
    return Math.round(line * SourceAudio.SAMPLE_RATE) / (double) SourceAudio.SAMPLE_RATE;
  }

  // ---- renders ----

  /** Renders one cover clip: {@link Studio#render} (MP3, stems, cover art, word timings). */
  public RenderedClip renderCover(SongPlan plan, int clipIndex, Path outDir) throws IOException {
    return studio.render(plan, clipIndex, outDir);
  }

  /**
   * The recording up to {@code spliceSeconds}, then continuation {@code clipIndex}: its pickup bar is
   * placed to end on the splice, the recording fades out (cosine) and the continuation fades in
   * (sine) over the last beat before it, and the continuation's level matches the recording's last
   * {@value #MATCH_BARS} bars. Stems: {@link #UPLOAD_STEM} (the recording's faded share) and the
   * continuation's parts, each as long as the clip; they sum to the clip.
   */
  public RenderedClip renderContinuation(SongPlan plan, int clipIndex, SourceAudio source, double spliceSeconds, AudioAnalysis analysis,
      Path outDir) throws IOException {
    Files.createDirectories(outDir);
    ClipPlan clip = plan.clips().get(clipIndex);
    try (MixedClip mixed = studio.renderMix(plan, clipIndex); SpillDir spills = studio.spillDir()) {
      int rate = SourceAudio.SAMPLE_RATE;
      int splice = (int) Math.min(source.frames(), Math.round(spliceSeconds * rate));
      int pickup = (int) Math.round(clip.arrangement().groove().seconds(4.0) * rate);
      int fade = Math.min(splice, Math.min(pickup, (int) Math.round(analysis.beatSeconds() * rate)));
      int renderFrames = mixed.master().frames();
      int start = splice - pickup; // where the render's first frame lands; may be negative (then cut)
      int total = splice + Math.max(0, renderFrames - pickup);

      // Only the bars matched and the crossfade of the recording are read into memory.
      int matchFrom = Math.max(0, splice - (int) (MATCH_BARS * analysis.barSeconds() * rate));
      double uploadDb = rmsDb(AudioLevels.read(source.wav(), matchFrom, splice), 0, splice - matchFrom);
      float[][] render = mixed.master().channels();
      double renderDb = rmsDb(render, pickup, Math.min(renderFrames, pickup + (int) (MATCH_BARS * analysis.barSeconds() * rate)));
      double gainDb = uploadDb <= AudioLevels.FLOOR_DB || renderDb <= AudioLevels.FLOOR_DB ? 0 : Math.max(-24, Math.min(12, uploadDb - renderDb));
      float gain = (float) Math.pow(10, gainDb / 20);

      float[] fadeOut = new float[fade];
      for (int i = 0; i < fade; i++) {
        double x = (i + 0.5) / fade;
        fadeOut[i] = (float) Math.cos(x * Math.PI / 2);
      }
      AudioLevels.Envelope uploadEnvelope = new AudioLevels.Envelope(splice - fade, fadeOut);
      // the continuation's envelope, by its own frame index: silent until the fade, then up to 1
      float[] renderEnvelope = new float[renderFrames];
      for (int i = 0; i < renderFrames; i++) {
        int out = start + i;
        if (out >= splice) {
          renderEnvelope[i] = 1f;
        } else if (out >= splice - fade && out >= 0) {
          double x = (out - (splice - fade) + 0.5) / fade;
          renderEnvelope[i] = (float) Math.sin(x * Math.PI / 2);
        }
      }
      // Two passes over the clip, a block at a time: its peak (for the no-clip safety gain), then the
      // clip itself into a float spill that the MP3 is encoded from.
      ContinuationMix clipAudio = new ContinuationMix(source.wav(), splice, uploadEnvelope, render, renderEnvelope, gain, start, total);
      float safety = clipAudio.safetyGain();
      Path spill = spills.file("clip.f32.wav");
      clipAudio.write(spill, safety);

      String base = "clip-" + clipIndex;
      Path mp3 = outDir.resolve(base + ".mp3");
      studio.encodeMp3(mp3, spill, tags(plan, clip));
      Map<String, Path> stems = new LinkedHashMap<>();
      Path uploadStem = outDir.resolve(base + "-" + UPLOAD_STEM + ".wav");
      AudioLevels.writePlaced(uploadStem, new StemAudio.OnDisk(UPLOAD_STEM, source.wav(), splice), new float[] {safety, safety},
          uploadEnvelope, 0, total);
      stems.put(UPLOAD_STEM, uploadStem);
      for (Mixer.PlacedStem placed : mixed.stems()) {
        Path wav = outDir.resolve(base + "-" + placed.stem().name() + ".wav");
        float[] gains = {placed.leftGain() * mixed.stemGain() * gain * safety, placed.rightGain() * mixed.stemGain() * gain * safety};
        AudioLevels.writePlaced(wav, placed.stem(), gains, new AudioLevels.Envelope(0, renderEnvelope), start, total);
        stems.put(placed.stem().name(), wav);
      }
      Path cover = outDir.resolve(base + "-cover.jpg");
      artist.write(new CoverArtist.Cover(plan.title(), subtitle(clip), clip.style().genre(), clip.style().mood(), clip.seed()), cover);
      List<WordTiming> words = shifted(clip.words(), start / (double) rate);
      return new RenderedClip(clipIndex, plan.title(), plan.tags(), total / (double) rate, mp3, cover, stems, words, clip.bpm(), clip.key());
    }
  }

  /**
   * A continuation's audio, computed a block at a time from the recording's WAV and the render in
   * memory: frame {@code i} is the recording × its fade-out (before the splice), plus the render ×
   * its fade-in × gain. The same floats as the whole-array form, so the same bytes.
   */
  private record ContinuationMix(Path wav, int splice, AudioLevels.Envelope uploadEnvelope, float[][] render,
      float[] renderEnvelope, float gain, int start, int total) {
    private static final int BLOCK = 1 << 15;

    /** 1, or the gain that brings the clip's sample peak down to −0.1 dBFS ({@link AudioLevels#safetyGain}). */
    float safetyGain() throws IOException {
      float[] peak = {0};
      blocks((block, count) -> {
        for (int i = 0; i < count; i++) {
          peak[0] = Math.max(peak[0], Math.max(Math.abs(block[0][i]), Math.abs(block[1][i])));
        }
      });
      float ceiling = (float) Math.pow(10, -0.1 / 20);
      return peak[0] > ceiling ? ceiling / peak[0] : 1f;
    }

    /** Writes the clip × {@code safety} as a float WAV. */
    void write(Path file, float safety) throws IOException {
      try (WavStreamWriter out = WavStreamWriter.float32(file, 2, SourceAudio.SAMPLE_RATE)) {
        blocks((block, count) -> {
          if (safety != 1f) {
            for (int i = 0; i < count; i++) {
              block[0][i] *= safety;
              block[1][i] *= safety;
            }
          }
          out.write(block, 0, count);
        });
      }
    }

    private interface BlockSink {
      void accept(float[][] block, int count) throws IOException;
    }

    private void blocks(BlockSink sink) throws IOException {
      float[][] block = new float[2][BLOCK];
      try (WavReader upload = new WavReader(wav)) {
        for (int at = 0; at < total; at += BLOCK) {
          int count = Math.min(BLOCK, total - at);
          int recorded = Math.max(0, Math.min(count, splice - at));
          if (recorded > 0 && upload.read(block, 0, recorded) != recorded) {
            throw new IOException(wav + " ended before the splice");
          }
          for (int f = 0; f < count; f++) {
            if (f < recorded) {
              float e = uploadEnvelope.at(at + f);
              block[0][f] = block[0][f] * e;
              block[1][f] = block[1][f] * e;
            } else {
              block[0][f] = 0;
              block[1][f] = 0;
            }
            int i = at + f - start; // the render's frame
            if (i >= 0 && i < renderEnvelope.length) {
              float g = renderEnvelope[i] * gain;
              block[0][f] += render[0][i] * g;
              block[1][f] += render[1][i] * g;
            }
          }
          sink.accept(block, count);
        }
      }
    }
  }

  /**
   * The recording with replacement {@code clipIndex} spliced over the window: the recording fades
   * out (cosine) over the {@link Splice#fade} before the window and back in (sine) over the one
   * after it, the replacement the other way, at the recording's level in the window; outside the
   * window and its crossfades every sample is the recording's. The replacement is held under full
   * scale by its own gain, so nothing outside changes. Stems: {@link #UPLOAD_STEM} (the recording's
   * share) and the replacement's parts, each as long as the recording; they sum to the clip. Words:
   * the replacement's, inside the window. Only the window and its crossfades are held in memory:
   * the rest of the recording is copied block by block.
   */
  public RenderedClip renderReplacement(SongPlan plan, int clipIndex, SourceAudio source, double startSeconds, double endSeconds,
      AudioAnalysis analysis, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    ClipPlan clip = plan.clips().get(clipIndex);
    try (MixedClip mixed = studio.renderMix(plan, clipIndex); SpillDir spills = studio.spillDir()) {
      int rate = SourceAudio.SAMPLE_RATE;
      int total = (int) source.frames();
      Splice splice = splice(analysis, source, startSeconds, endSeconds);
      int offset = (int) Math.round(analysis.barStart(replacementFirstBar(analysis, startSeconds)) * rate); // the render's frame 0
      float[][] render = mixed.master().channels();
      int renderFrames = mixed.master().frames();
      // envelopes by output frame: the recording's (1 outside [from, to)), and the replacement's (its complement)
      int from = splice.start() - splice.fade();
      int to = splice.end() + splice.fade();
      float[][] recording = AudioLevels.read(source.wav(), from, to); // frame from + k at k
      float[] fades = new float[to - from];
      for (int i = from; i < to; i++) {
        if (i < splice.start()) {
          fades[i - from] = (float) Math.cos((i - from + 0.5) / splice.fade() * Math.PI / 2);
        } else if (i < splice.end()) {
          fades[i - from] = 0f;
        } else {
          fades[i - from] = (float) Math.sin((i - splice.end() + 0.5) / splice.fade() * Math.PI / 2);
        }
      }
      AudioLevels.Envelope recordingEnvelope = new AudioLevels.Envelope(from, fades);
      float[] renderEnvelope = new float[renderFrames];
      for (int r = 0; r < renderFrames; r++) {
        int out = offset + r;
        if (out >= from && out < to) {
          renderEnvelope[r] = out >= splice.start() && out < splice.end() ? 1f
              : out < splice.start() ? (float) Math.sin((out - from + 0.5) / splice.fade() * Math.PI / 2)
              : (float) Math.cos((out - splice.end() + 0.5) / splice.fade() * Math.PI / 2);
        }
      }
      // the replacement at the recording's level in the window
      int rs = Math.max(0, Math.min(renderFrames, splice.start() - offset));
      int re = Math.max(rs, Math.min(renderFrames, splice.end() - offset));
      double recordingDb = rmsDb(recording, splice.start() - from, splice.end() - from);
      double renderDb = rmsDb(render, rs, re);
      double gainDb = recordingDb <= AudioLevels.FLOOR_DB || renderDb <= AudioLevels.FLOOR_DB ? 0 : Math.max(-24, Math.min(12, recordingDb - renderDb));
      float gain = (float) Math.pow(10, gainDb / 20);
      // Outside [from, to) the replacement's envelope is 0: the clip is the recording's own samples there.
      float[][] window = new float[2][to - from];
      for (int pass = 0; pass < 4; pass++) {
        double peak = 0;
        for (int i = from; i < to; i++) {
          float e = recordingEnvelope.at(i);
          float l = recording[0][i - from] * e;
          float r = recording[1][i - from] * e;
          int k = i - offset;
          if (k >= 0 && k < renderFrames && renderEnvelope[k] > 0) {
            l += render[0][k] * renderEnvelope[k] * gain;
            r += render[1][k] * renderEnvelope[k] * gain;
            peak = Math.max(peak, Math.max(Math.abs(l), Math.abs(r)));
          }
          window[0][i - from] = l;
          window[1][i - from] = r;
        }
        if (peak <= 0.98) {
          break;
        }
        gain *= (float) (0.97 / peak); // only the replacement gives way: the recording's samples stay as they were
      }
      Path spill = spills.file("clip.f32.wav");
      try (WavStreamWriter out = WavStreamWriter.float32(spill, 2, rate)) {
        copy(source.wav(), 0, from, out);
        out.write(window, 0, to - from);
        copy(source.wav(), to, total, out);
      }

      String base = "clip-" + clipIndex;
      Path mp3 = outDir.resolve(base + ".mp3");
      studio.encodeMp3(mp3, spill, tags(plan, clip));
      Map<String, Path> stems = new LinkedHashMap<>();
      Path recordingStem = outDir.resolve(base + "-" + UPLOAD_STEM + ".wav");
      AudioLevels.writePlaced(recordingStem, new StemAudio.OnDisk(UPLOAD_STEM, source.wav(), total), new float[] {1f, 1f},
          recordingEnvelope, 0, total);
      stems.put(UPLOAD_STEM, recordingStem);
      for (Mixer.PlacedStem placed : mixed.stems()) {
        Path wav = outDir.resolve(base + "-" + placed.stem().name() + ".wav");
        float[] gains = {placed.leftGain() * mixed.stemGain() * gain, placed.rightGain() * mixed.stemGain() * gain};
        AudioLevels.writePlaced(wav, placed.stem(), gains, new AudioLevels.Envelope(0, renderEnvelope), offset, total);
        stems.put(placed.stem().name(), wav);
      }
      Path cover = outDir.resolve(base + "-cover.jpg");
      artist.write(new CoverArtist.Cover(plan.title(), subtitle(clip), clip.style().genre(), clip.style().mood(), clip.seed()), cover);
      List<WordTiming> words = new ArrayList<>();
      for (WordTiming w : shifted(clip.words(), offset / (double) rate)) {
        if (w.startS() >= startSeconds && w.startS() < endSeconds) {
          words.add(w);
        }
      }
      return new RenderedClip(clipIndex, plan.title(), plan.tags(), total / (double) rate, mp3, cover, stems, words, clip.bpm(), clip.key());
    }
  }

  /** Copies frames {@code [from, to)} of a recording into {@code out} block by block (its samples as read). */
  private static void copy(Path wav, int from, int to, WavStreamWriter out) throws IOException {
    int block = 1 << 15;
    float[][] buffer = new float[2][block];
    try (WavReader reader = new WavReader(wav)) {
      reader.seek(from);
      for (int at = from; at < to; at += block) {
        int count = Math.min(block, to - at);
        if (reader.read(buffer, 0, count) != count) {
          throw new IOException(wav + " ended before frame " + to);
        }
        out.write(buffer, 0, count);
      }
    }
  }

  /**
   * The recording with overdub {@code clipIndex} over it, mastered like a song (about −14 LUFS under
   * a true-peak ceiling). The new part is first set against the recording: a vocal {@value
   * #VOCAL_OVER_INSTRUMENTAL_LU} LU from the instrumental, an accompaniment {@value
   * #ACCOMPANIMENT_OVER_VOCAL_LU} LU over the voice. Stems, each exactly as long as the recording:
   * {@link #UPLOAD_STEM}, and "vocal" (vocals) or the accompaniment's parts. Once rendered, the new
   * part is spilled as a float WAV; it and the recording are read a block at a time, for their
   * loudness and for the mix, which {@link StreamedMastering} masters into a float spill the MP3 is
   * encoded from.
   */
  public RenderedClip renderOverdub(SongPlan plan, int clipIndex, SourceAudio source, Overdub what, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    ClipPlan clip = plan.clips().get(clipIndex);
    if (source.frames() > Integer.MAX_VALUE) {
      throw new IOException("the recording is too long to mix");
    }
    int n = (int) source.frames();
    // The part's master is a float WAV (every sample kept): from here on it is read a block at a time, as the recording is.
    try (SpilledClip mixed = studio.renderMixToDisk(plan, clipIndex)) {
      return overdub(plan, clipIndex, clip, source, what, outDir, n, mixed.master(), mixed.stems(), mixed.stemGain());
    }
  }

  private RenderedClip overdub(SongPlan plan, int clipIndex, ClipPlan clip, SourceAudio source, Overdub what, Path outDir, int n,
      StemAudio.OnDisk part, List<Mixer.PlacedStem> parts, float stemGain) throws IOException {
    double[] lufs = OverdubMix.loudness(source.wav(), n, part);
    double uploadLufs = lufs[0];
    double partLufs = lufs[1];
    double offset = what == Overdub.VOCALS ? VOCAL_OVER_INSTRUMENTAL_LU : ACCOMPANIMENT_OVER_VOCAL_LU;
    double gainDb = uploadLufs <= LoudnessMeter.SILENCE || partLufs <= LoudnessMeter.SILENCE ? 0 : Math.max(-30, Math.min(30, uploadLufs + offset - partLufs));
    float gain = (float) Math.pow(10, gainDb / 20);
    try (SpillDir spills = studio.spillDir(); OverdubMix mix = new OverdubMix(source.wav(), n, part.wav(), gain)) {
      StreamedMastering.Result master = new StreamedMastering().master(mix, spills::file);
      float masterGain = (float) Math.pow(10, master.report().gainDb() / 20);

      String base = "clip-" + clipIndex;
      Path mp3 = outDir.resolve(base + ".mp3");
      studio.encodeMp3(mp3, master.wav(), tags(plan, clip));
      Map<String, Path> stems = new LinkedHashMap<>();
      Path uploadStem = outDir.resolve(base + "-" + UPLOAD_STEM + ".wav");
      AudioLevels.writePlaced(uploadStem, new StemAudio.OnDisk(UPLOAD_STEM, source.wav(), n), new float[] {masterGain, masterGain}, null, 0, n);
      stems.put(UPLOAD_STEM, uploadStem);
      if (what == Overdub.VOCALS) {
        Path vocal = outDir.resolve(base + "-vocal.wav");
        float g = gain * masterGain;
        AudioLevels.writePlaced(vocal, part, new float[] {g, g}, null, 0, n);
        stems.put("vocal", vocal);
      } else {
        for (Mixer.PlacedStem placed : parts) {
          Path wav = outDir.resolve(base + "-" + placed.stem().name() + ".wav");
          float g = stemGain * gain * masterGain;
          AudioLevels.writePlaced(wav, placed.stem(), new float[] {placed.leftGain() * g, placed.rightGain() * g}, null, 0, n);
          stems.put(placed.stem().name(), wav);
        }
      }
      Path cover = outDir.resolve(base + "-cover.jpg");
      artist.write(new CoverArtist.Cover(plan.title(), subtitle(clip), clip.style().genre(), clip.style().mood(), clip.seed()), cover);
      return new RenderedClip(clipIndex, plan.title(), plan.tags(), n / (double) SourceAudio.SAMPLE_RATE, mp3, cover, stems, clip.words(), clip.bpm(), clip.key());
    }
  }

  /**
   * The recording (its first {@code n} frames) plus the new part × {@code gain} (silent past its end,
   * cut at the recording's end), both read from their WAVs a block at a time: the same floats as
   * adding the whole arrays.
   */
  static final class OverdubMix implements StreamedMastering.Source, AutoCloseable {
    private static final int BLOCK = StreamedMastering.BLOCK;
    private final WavReader recordingReader;
    private final WavReader partReader;
    private final StreamedMastering.WavSource recording;
    private final StreamedMastering.WavSource part;
    private final float gain;
    private float[][] scratch = new float[2][0];

    OverdubMix(Path recordingWav, int n, Path partWav, float gain) throws IOException {
      this.recordingReader = new WavReader(recordingWav);
      this.partReader = new WavReader(partWav);
      this.recording = new StreamedMastering.WavSource(recordingReader, n);
      this.part = new StreamedMastering.WavSource(partReader, (int) Math.min(n, partReader.frames()));
      this.gain = gain;
    }

    @Override
    public int frames() {
      return recording.frames();
    }

    @Override
    public void read(long from, int count, float[][] out) throws IOException {
      recording.read(from, count, out);
      if (scratch[0].length < count) {
        scratch = new float[2][count];
      }
      part.read(from, count, scratch);
      for (int k = 0; k < count; k++) {
        out[0][k] = out[0][k] + scratch[0][k] * gain;
        out[1][k] = out[1][k] + scratch[1][k] * gain;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        recordingReader.close();
      } finally {
        partReader.close();
      }
    }

    /** Integrated loudness of the recording's first {@code n} frames and of the part cut or padded to them, in one streamed pass. */
    static double[] loudness(Path wav, int n, StemAudio.OnDisk part) throws IOException {
      int segment = SourceAudio.SAMPLE_RATE / 10;
      double[] recordingEnergy = new double[n / segment];
      double[] partEnergy = new double[n / segment];
      KWeighting recordingWeights = new KWeighting(SourceAudio.SAMPLE_RATE);
      KWeighting partWeights = new KWeighting(SourceAudio.SAMPLE_RATE);
      float[][] block = new float[2][BLOCK];
      float[] power = new float[BLOCK];
      try (WavReader recordingReader = new WavReader(wav); WavReader partReader = new WavReader(part.wav())) {
        StreamedMastering.WavSource recording = new StreamedMastering.WavSource(recordingReader, n);
        StreamedMastering.WavSource partFrames = new StreamedMastering.WavSource(partReader, (int) Math.min(n, part.frames()));
        for (int at = 0; at < n; at += BLOCK) {
          int count = Math.min(BLOCK, n - at);
          recording.read(at, count, block);
          recordingWeights.power(block[0], block[1], count, power);
          add(recordingEnergy, at, power, count, segment);
          partFrames.read(at, count, block);
          partWeights.power(block[0], block[1], count, power);
          add(partEnergy, at, power, count, segment);
        }
      }
      return new double[] {KWeighting.integrated(recordingEnergy, SourceAudio.SAMPLE_RATE), KWeighting.integrated(partEnergy, SourceAudio.SAMPLE_RATE)};
    }

    private static void add(double[] energy, int at, float[] power, int count, int segment) {
      for (int k = 0; k < count; k++) {
        int s = (at + k) / segment;
        if (s < energy.length) {
          energy[s] += power[k];
        }
      }
    }
  }

  // ---- planning helpers ----

  /** Title, lyrics and style of a request, the style's tempo set to the recording's. */
  private record Written(String title, String lyrics, StyleProfile style, List<TextSection> text, boolean instrumental) {}

  private Written write(SongRequest request, AudioAnalysis analysis, boolean instrumental) {
    long songSeed = Seeds.song(request.seed());
    String title;
    String lyrics;
    if (request.customMode()) {
      title = blankToNull(request.title()) != null ? request.title().strip() : "Untitled";
      lyrics = instrumental ? null : blankToNull(request.prompt());
    } else {
      Lyrics written = studio.writeLyrics(LyricsRequest.builder().prompt(request.prompt()).seed(request.seed()).build()).get(0);
      title = blankToNull(request.title()) != null ? request.title().strip() : written.title();
      lyrics = instrumental ? null : written.text();
    }
    boolean noVocal = instrumental || lyrics == null;
    String styleText = blankToNull(request.style()) != null ? request.style() : AudioAnalyzer.describe(analysis);
    String prompt = request.customMode() ? null : request.prompt();
    StyleProfile parsed = StyleParser.parse(styleText, prompt, request.negativeTags(), request.styleWeight(), request.weirdnessConstraint(), songSeed);
    int bpm = Math.max(30, Math.min(300, (int) Math.round(analysis.bpm())));
    String tags = BPM_WORDS.matcher(parsed.tags()).replaceAll(bpm + " bpm");
    StyleProfile style = new StyleProfile(parsed.genre(), bpm, true, parsed.mood(), parsed.wanted(), parsed.excluded(), parsed.vocalHint(),
        parsed.adventure(), parsed.ballad(), parsed.retro(), tags);
    List<TextSection> text = noVocal ? List.of() : LyricsAdapter.sections(lyrics);
    return new Written(title, noVocal ? null : lyrics, style, text, noVocal);
  }

  private SongPlan plan(SongRequest request, Written w, Fit fit, AudioAnalysis analysis) {
    long songSeed = Seeds.song(request.seed());
    List<ClipPlan> clips = new ArrayList<>();
    for (int i = 0; i < Studio.CLIPS; i++) {
      long clipSeed = Seeds.clip(request.seed(), i);
      Voice voice = w.instrumental() ? null : studio.castVoice(w.style().vocalHint(), request.vocalGender(), request.personaId(), clipSeed);
      VoiceRange range = voice != null ? voice.range() : new VoiceRange(53, 55, 74);
      CompositionInput input = new CompositionInput(w.style(), w.text(), w.instrumental(), range, songSeed, clipSeed, i, 0, analysis.durationSeconds());
      Arrangement arrangement = composer.compose(input, fit);
      clips.add(new ClipPlan(i, clipSeed, w.style(), arrangement, voice, timings(arrangement), request.model()));
    }
    return new SongPlan(w.title(), w.style().tags(), w.lyrics(), clips);
  }

  /** The analysis's sections as fit sections: kinds from their loudness, chords from the bars. */
  static List<Fit.Section> fittedSections(AudioAnalysis analysis) {
    List<AudioAnalysis.Section> sections = analysis.sections();
    if (sections.isEmpty()) {
      // shorter than a bar: one bar to hold the recording's tail
      return List.of(new Fit.Section(SectionKind.VERSE, 1));
    }
    List<SectionKind> kinds = kinds(sections);
    List<Fit.Section> out = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      AudioAnalysis.Section s = sections.get(i);
      List<Chord> chords = analysis.barChords().subList(s.startBar(), s.startBar() + s.bars());
      out.add(new Fit.Section(kinds.get(i), s.bars(), chords));
    }
    return out;
  }

  /**
   * Section kinds from loudness: the loudest third are choruses, the quietest third bridges, the rest
   * verses; a short, quiet first or last section of three or more is the intro or outro. A recording
   * whose sections are all within 3 dB alternates verse and chorus.
   */
  static List<SectionKind> kinds(List<AudioAnalysis.Section> sections) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (AudioAnalysis.Section s : sections) {
      min = Math.min(min, s.meanDb());
      max = Math.max(max, s.meanDb());
    }
    double range = max - min;
    int n = sections.size();
    List<SectionKind> kinds = new ArrayList<>();
    int body = 0;
    for (int i = 0; i < n; i++) {
      AudioAnalysis.Section s = sections.get(i);
      double e = range < 1e-9 ? 0.5 : (s.meanDb() - min) / range;
      boolean edgeCandidate = n >= 3 && s.bars() <= 8 && (range < 3 || e <= 0.6);
      if (i == 0 && edgeCandidate && (range >= 3 || s.bars() <= 4)) {
        kinds.add(SectionKind.INTRO);
      } else if (i == n - 1 && edgeCandidate && (range >= 3 || s.bars() <= 4)) {
        kinds.add(SectionKind.OUTRO);
      } else if (range < 3) {
        kinds.add(body++ % 2 == 0 ? SectionKind.VERSE : SectionKind.CHORUS);
      } else if (e >= 2 / 3.0) {
        kinds.add(SectionKind.CHORUS);
      } else if (e >= 1 / 3.0) {
        kinds.add(SectionKind.VERSE);
      } else {
        kinds.add(SectionKind.BRIDGE);
      }
    }
    return kinds;
  }

  private static List<WordTiming> timings(Arrangement arrangement) {
    List<WordTiming> out = new ArrayList<>();
    for (SungWord w : arrangement.words()) {
      out.add(new WordTiming(w.word(), round(arrangement.groove().seconds(w.startBeat())), round(arrangement.groove().seconds(w.endBeat()))));
    }
    return out;
  }

  private static List<WordTiming> shifted(List<WordTiming> words, double seconds) {
    List<WordTiming> out = new ArrayList<>();
    for (WordTiming w : words) {
      if (w.startS() + seconds >= 0) {
        out.add(new WordTiming(w.word(), round(w.startS() + seconds), round(w.endS() + seconds)));
      }
    }
    return out;
  }

  private static Map<String, String> tags(SongPlan plan, ClipPlan clip) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("title", plan.title());
    tags.put("artist", "Backbeat");
    tags.put("genre", clip.style().genre().label());
    tags.put("comment", plan.tags());
    return tags;
  }

  private static String subtitle(ClipPlan clip) {
    Key key = clip.arrangement().key();
    return clip.style().genre().label() + " · " + clip.bpm() + " bpm · " + key.name();
  }

  private static double rmsDb(float[][] channels, int from, int to) {
    return AudioLevels.rmsDb(channels, from, to);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
