package io.backbeat.engine;

import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.art.CoverArtist;
import io.backbeat.engine.compose.Arrangement;
import io.backbeat.engine.compose.CompositionInput;
import io.backbeat.engine.compose.Part;
import io.backbeat.engine.compose.PartRole;
import io.backbeat.engine.compose.SongComposer;
import io.backbeat.engine.compose.StyleParser;
import io.backbeat.engine.compose.StyleProfile;
import io.backbeat.engine.compose.SungWord;
import io.backbeat.engine.compose.TextSection;
import io.backbeat.engine.compose.VoiceRange;
import io.backbeat.engine.encode.Mp3Encoder;
import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.encode.WavWriter;
import io.backbeat.engine.lyrics.Lyrics;
import io.backbeat.engine.lyrics.LyricsRequest;
import io.backbeat.engine.lyrics.LyricsWriter;
import io.backbeat.engine.render.Mastering;
import io.backbeat.engine.render.Mixer;
import io.backbeat.engine.render.PartRenderer;
import io.backbeat.engine.render.SoundBank;
import io.backbeat.engine.render.Stem;
import io.backbeat.engine.render.StemAudio;
import io.backbeat.engine.render.StreamedMastering;
import io.backbeat.engine.voice.Voice;
import io.backbeat.engine.voice.VoiceCaster;
import io.backbeat.engine.voice.PersonaVoices;
import io.backbeat.engine.voice.Singer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local studio: writes lyrics, plans songs (lyrics, style, arrangement for two clips) and
 * renders clips (Gervill per part, mix, master, MP3, stems, cover art, word timings). Thread-safe;
 * reuse one.
 *
 * <p>One entry point per kind, each taking its typed request: {@link #writeLyrics(LyricsRequest)},
 * {@link #plan(SongRequest)} then {@link #render} or {@link #renderAll} for songs. Writers other
 * kinds build on live in {@code encode} ({@code Mp4Writer}, {@code WavWriter}, {@code
 * Mp3Encoder}) and {@code prompt} ({@code PromptReader}).
 */
public final class Studio implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Studio.class);
  static final int CLIPS = 2;

  private final StudioConfig config;
  private final ExecutorService parts;
  private final LyricsWriter lyricsWriter = new LyricsWriter();
  private final SongComposer composer = new SongComposer(LyricsAdapter.SYLLABLES);
  private final CoverArtist artist = new CoverArtist();
  private final Mixer mixer = new Mixer();
  private final Mastering mastering = new Mastering();
  private final Singer singer = new Singer();
  private volatile SoundBank soundBank;
  private volatile PersonaVoices personas = PersonaVoices.NONE;
  /**
   * Megabytes of heap the whole-signal steps (mix, master, MP3) of clips may hold at once: half
   * the heap. A clip takes its estimate ({@link #wholeSignalMegabytes}); a clip larger than the
   * budget takes all of it, so long clips are mixed one at a time.
   */
  private final int budgetMegabytes = (int) Math.max(1, (Runtime.getRuntime().maxMemory() / 2) >> 20);
  private final Semaphore wholeSignal = new Semaphore(budgetMegabytes, true);
  /**
   * Clips whose parts are held in memory, from their first part to their last file: {@link
   * #spills} lets a clip hold up to a sixth of the heap on the assumption that two do at once, so
   * a third (two songs rendering) waits here. Spilled clips hold only the parts being rendered,
   * which the pool's size bounds, and do not wait.
   */
  final Semaphore heldClips = new Semaphore(CLIPS, true); // package-private: StudioSpillTest takes turns
  private final long spillAboveBytes;

  public Studio(StudioConfig config) {
    this(config, Runtime.getRuntime().maxMemory() / 6);
  }

  /** @param spillAboveBytes a clip whose parts together take more than this is spilled ({@link #spills}) */
  Studio(StudioConfig config, long spillAboveBytes) {
    this.config = Objects.requireNonNull(config, "config is null");
    this.spillAboveBytes = spillAboveBytes;
    AtomicInteger n = new AtomicInteger();
    this.parts = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(r, "studio-render-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Where stored personas are found: a song naming one is sung by its voice. */
  public void usePersonas(PersonaVoices personas) {
    this.personas = Objects.requireNonNull(personas, "personas is null");
  }

  /**
   * The singer of one clip: cast as {@link VoiceCaster} does, then, when {@code personaId} names a
   * stored persona, re-voiced as it (its register, timbre and vibrato win over {@code vocalGender}).
   */
  public Voice castVoice(io.backbeat.engine.compose.VocalHint hint, String vocalGender, String personaId, long clipSeed) {
    Voice cast = VoiceCaster.cast(hint, vocalGender, personaId, clipSeed);
    if (personaId == null || personaId.isBlank()) {
      return cast;
    }
    return personas.find(personaId.strip()).map(p -> p.apply(cast)).orElse(cast);
  }

  /** Lyrics (simple mode), style and both clips' arrangements. Fast: no audio is made. */
  public SongPlan plan(SongRequest request) {
    Objects.requireNonNull(request, "request is null");
    long songSeed = Seeds.song(request.seed());
    String title;
    String lyrics;
    if (request.customMode()) {
      title = blankToNull(request.title()) != null ? request.title().strip() : "Untitled";
      lyrics = request.instrumental() ? null : blankToNull(request.prompt());
    } else {
      Lyrics written = writeLyrics(LyricsRequest.builder().prompt(request.prompt()).seed(request.seed()).build()).get(0);
      title = written.title();
      lyrics = request.instrumental() ? null : written.text();
    }
    boolean instrumental = request.instrumental() || lyrics == null;
    // In custom mode the prompt is the lyrics: their words must not pick the genre.
    String prompt = request.customMode() ? null : request.prompt();
    StyleProfile style = StyleParser.parse(request.style(), prompt, request.negativeTags(),
        request.styleWeight(), request.weirdnessConstraint(), songSeed);
    List<TextSection> text = instrumental ? List.of() : LyricsAdapter.sections(lyrics);
    double max = ModelLimits.effectiveMax(request).toMillis() / 1000.0;
    double min = request.customMode() ? 0 : Math.min(ModelLimits.SIMPLE_MIN.toSeconds(), max);

    List<ClipPlan> clips = new ArrayList<>();
    for (int i = 0; i < CLIPS; i++) {
      long clipSeed = Seeds.clip(request.seed(), i);
      Voice voice = instrumental ? null
          : castVoice(style.vocalHint(), request.vocalGender(), request.personaId(), clipSeed);
      VoiceRange range = voice != null ? voice.range() : new VoiceRange(53, 55, 74);
      Arrangement arrangement = composer.compose(new CompositionInput(style, text, instrumental,
          range, songSeed, clipSeed, i, min, max));
      clips.add(new ClipPlan(i, clipSeed, style, arrangement, voice, timings(arrangement),
          request.model()));
    }
    return new SongPlan(title, style.tags(), instrumental ? null : lyrics, clips);
  }

  /** Two titled, sectioned lyric variants for the request's idea. Fast: no audio is made. */
  public List<Lyrics> writeLyrics(LyricsRequest request) {
    return lyricsWriter.write(Objects.requireNonNull(request, "request is null"));
  }

  /** Renders clip {@code clipIndex} of the plan into {@code outDir}. */
  public RenderedClip render(SongPlan plan, int clipIndex, Path outDir) throws IOException {
    List<ClipPlan> clips = List.of(plan.clips().get(clipIndex));
    try (Lease held = holdClips(clips); SpillDir spills = new SpillDir(config.workDir())) {
      List<List<Future<Measured>>> submitted = submitParts(clips, List.of(spills));
      return finish(plan, clipIndex, outDir, submitted.get(0), spills);
    }
  }

  /** Waits until the clips that will hold their parts in memory may; closing gives their turn back. */
  private Lease holdClips(List<ClipPlan> clips) throws IOException {
    int held = (int) Math.min(CLIPS, clips.stream().filter(c -> !spills(c.arrangement())).count());
    try {
      heldClips.acquire(held);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to render", e);
    }
    return new Lease(heldClips, held);
  }

  private RenderedClip finish(SongPlan plan, int clipIndex, Path outDir, List<Future<Measured>> partFutures,
      SpillDir spills) throws IOException {
    ClipPlan clip = plan.clips().get(clipIndex);
    Arrangement arrangement = clip.arrangement();
    Files.createDirectories(outDir);
    long started = System.nanoTime();
    int frames = frames(arrangement);
    RenderedParts rendered = awaitParts(partFutures);
    long renderedAt = System.nanoTime();
    boolean spilled = spills(arrangement);
    // A spilled clip is mixed and mastered a block at a time from and to float WAVs: it holds a few
    // megabytes, so it takes no share of the whole-signal budget.
    try (Lease lease = spilled ? Lease.none() : lease(frames)) {
      Mastered mastered = mixAndMaster(arrangement, rendered, spilled, spills);
      long mixed = mastered.mixedAt();
      Mastering.Report report = mastered.report();
      List<Mixer.PlacedStem> placedStems = mastered.stems();
      Stem audio = mastered.held();
      Path spilledMaster = mastered.wav();
      long masteredAt = System.nanoTime();

      String base = "clip-" + clipIndex;
      Path mp3 = outDir.resolve(base + ".mp3");
      Path cover = outDir.resolve(base + "-cover.jpg");
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("title", plan.title());
      tags.put("artist", "Backbeat");
      tags.put("genre", clip.style().genre().label());
      tags.put("comment", plan.tags());
      // Stems carry the master gain (not the limiter) so they sum to about the released mix.
      float stemGain = (float) Math.pow(10, report.gainDb() / 20);
      Map<String, Path> stemFiles = new LinkedHashMap<>();
      List<Future<?>> outputs = new ArrayList<>();
      long[] encodedAt = new long[1];
      Stem heldMaster = audio;
      Path masterWav = spilledMaster;
      // Everything below runs on the render pool (the MP3 as parallel segments): the pool has one
      // thread per core, so the two clips' encodes and stem writes share the cores without
      // oversubscribing them. Only the MP3's coordinator waits, on a virtual thread.
      try (ExecutorService io = Executors.newVirtualThreadPerTaskExecutor()) {
        outputs.add(io.submit(() -> {
          if (masterWav != null) {
            Mp3Encoder.encode(mp3, masterWav, tags, parts);
          } else {
            Mp3Encoder.encode(mp3, heldMaster.left(), heldMaster.right(), PartRenderer.SAMPLE_RATE, tags, parts);
          }
          encodedAt[0] = System.nanoTime();
          return null;
        }));
        for (Mixer.PlacedStem placed : placedStems) {
          Path wav = outDir.resolve(base + "-" + placed.stem().name() + ".wav");
          stemFiles.put(placed.stem().name(), wav);
          float[] gains = {placed.leftGain() * stemGain, placed.rightGain() * stemGain};
          outputs.add(parts.submit(() -> {
            writeStem(wav, placed.stem(), gains);
            return null;
          }));
        }
        outputs.add(parts.submit(() -> {
          artist.write(new CoverArtist.Cover(plan.title(), subtitle(clip), clip.style().genre(),
              clip.style().mood(), clip.seed()), cover);
          return null;
        }));
        for (Future<?> f : outputs) {
          await(f);
        }
      }
      long done = System.nanoTime();
      log.info("Rendered clip {} \"{}\" ({} bpm, {}, {} s): parts {} ms, mix {} ms, master {} ms, mp3 {} ms, "
              + "files {} ms; {} LUFS, {} dBTP{}",
          clipIndex, plan.title(), clip.bpm(), clip.key(), Math.round(arrangement.durationSeconds()),
          (renderedAt - started) / 1_000_000, (mixed - renderedAt) / 1_000_000, (masteredAt - mixed) / 1_000_000,
          (encodedAt[0] - masteredAt) / 1_000_000, (done - masteredAt) / 1_000_000,
          String.format("%.1f", report.outputLufs()), String.format("%.1f", report.truePeakDbtp()),
          spilledMaster != null ? "; stems spilled to disk" : "");
      return new RenderedClip(clipIndex, plan.title(), plan.tags(), frames / (double) PartRenderer.SAMPLE_RATE,
          mp3, cover, stemFiles, clip.words(), clip.bpm(), clip.key());
    }
  }

  /**
   * A clip mixed and mastered: the master held ({@code held}, whole arrays) or spilled ({@code
   * wav}, a float WAV in the render's spill folder), with what mastering did and the placed stems.
   */
  private record Mastered(Stem held, Path wav, Mastering.Report report, List<Mixer.PlacedStem> stems, long mixedAt) {}

  /**
   * A spilled clip is mixed into a float WAV a chunk at a time ({@link Mixer#mixTo}) and mastered
   * from it a block at a time ({@link StreamedMastering}, the same samples as {@link Mastering}):
   * it holds a few megabytes whatever its length. A held one is mixed and mastered in arrays.
   */
  private Mastered mixAndMaster(Arrangement arrangement, RenderedParts rendered, boolean spilled, SpillDir spills)
      throws IOException {
    if (!spilled) {
      Mixer.Mix mix = mixer.mix(arrangement.parts(), rendered.stems(), rendered.loudness());
      long mixedAt = System.nanoTime();
      Mastering.Result mastered = mastering.master(mix.master());
      return new Mastered(mastered.audio(), null, mastered.report(), mix.stems(), mixedAt);
    }
    Mixer.SpilledMix mix = mixer.mixTo(arrangement.parts(), rendered.stems(), rendered.loudness(),
        spills.file("mix.f32.wav"));
    long mixedAt = System.nanoTime();
    StreamedMastering.Result mastered;
    try (WavReader reader = new WavReader(mix.wav())) {
      mastered = new StreamedMastering().master(mix.source(reader), spills::file);
    }
    Files.deleteIfExists(mix.wav());
    return new Mastered(null, mastered.wav(), mastered.report(), mix.stems(), mixedAt);
  }

  /** Writes a placed stem as a 16-bit WAV from its audio, a chunk at a time (held or spilled). */
  private static void writeStem(Path wav, StemAudio stem, float[] gains) throws IOException {
    try (StemAudio.Reader reader = stem.open()) {
      WavWriter.write(wav, 2, stem.frames(), PartRenderer.SAMPLE_RATE, gains, reader::read);
    }
  }

  /**
   * Renders every clip of the plan, clips in parallel: their parts are queued interleaved so both
   * clips reach mixing and encoding together and keep both cores busy to the end.
   */
  public List<RenderedClip> renderAll(SongPlan plan, Path outDir) throws IOException {
    List<SpillDir> spills = new ArrayList<>();
    for (int i = 0; i < plan.clips().size(); i++) {
      spills.add(new SpillDir(config.workDir()));
    }
    try (Lease held = holdClips(plan.clips())) {
      List<List<Future<Measured>>> submitted = submitParts(plan.clips(), spills);
      List<Future<RenderedClip>> futures = new ArrayList<>();
      try (ExecutorService clips = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < plan.clips().size(); i++) {
          int index = i;
          futures.add(clips.submit(() -> finish(plan, index, outDir, submitted.get(index), spills.get(index))));
        }
        List<RenderedClip> out = new ArrayList<>();
        for (Future<RenderedClip> f : futures) {
          out.add(await(f));
        }
        return out;
      }
    } finally {
      for (SpillDir s : spills) {
        s.close();
      }
    }
  }

  /**
   * One clip's mastered audio and its parts as placed in the mix, with no file written: for work
   * that splices or mixes a clip with other audio ({@link UploadStudio}). A long clip's parts are
   * spilled to disk; close the result to delete them.
   */
  public MixedClip renderMix(SongPlan plan, int clipIndex) throws IOException {
    SpillDir spills = new SpillDir(config.workDir());
    try {
      List<Future<Measured>> partFutures = submitParts(List.of(plan.clips().get(clipIndex)), List.of(spills)).get(0);
      Arrangement arrangement = plan.clips().get(clipIndex).arrangement();
      RenderedParts rendered = awaitParts(partFutures);
      try (Lease lease = lease(frames(arrangement))) {
        Mixer.Mix mix = mixer.mix(arrangement.parts(), rendered.stems(), rendered.loudness());
        Mastering.Result mastered = mastering.master(mix.master());
        float stemGain = (float) Math.pow(10, mastered.report().gainDb() / 20);
        return new MixedClip(mastered.audio(), mix.stems(), stemGain, spills);
      }
    } catch (IOException | RuntimeException e) {
      spills.close();
      throw e;
    }
  }

  /**
   * One clip's mastered audio as a float WAV and its parts as placed in the mix, with no file
   * written: {@link #renderMix} for work that reads the master a block at a time (overdubs). A
   * long clip is mixed and mastered a block at a time too, so its whole signal is never held.
   * Close the result to delete its spill files.
   */
  public SpilledClip renderMixToDisk(SongPlan plan, int clipIndex) throws IOException {
    SpillDir spills = new SpillDir(config.workDir());
    try {
      List<Future<Measured>> partFutures = submitParts(List.of(plan.clips().get(clipIndex)), List.of(spills)).get(0);
      Arrangement arrangement = plan.clips().get(clipIndex).arrangement();
      RenderedParts rendered = awaitParts(partFutures);
      boolean spilled = spills(arrangement);
      try (Lease lease = spilled ? Lease.none() : lease(frames(arrangement))) {
        Mastered mastered = mixAndMaster(arrangement, rendered, spilled, spills);
        StemAudio.OnDisk master = mastered.wav() != null
            ? new StemAudio.OnDisk("master", mastered.wav(), frames(arrangement))
            : StemAudio.OnDisk.spill(mastered.held(), spills.file("master.f32.wav"));
        float stemGain = (float) Math.pow(10, mastered.report().gainDb() / 20);
        return new SpilledClip(master, mastered.stems(), stemGain, spills);
      }
    } catch (IOException | RuntimeException e) {
      spills.close();
      throw e;
    }
  }

  /** A folder for one render's spill files, under the work directory; close it to delete them. */
  SpillDir spillDir() {
    return new SpillDir(config.workDir());
  }

  /** Encodes 44.1 kHz stereo to MP3 on the render pool (the same bytes as a one-thread encode). */
  public void encodeMp3(Path file, float[] left, float[] right, Map<String, String> tags) throws IOException {
    Mp3Encoder.encode(file, left, right, PartRenderer.SAMPLE_RATE, tags, parts);
  }

  /** Encodes a 44.1 kHz stereo WAV to MP3 on the render pool, segment by segment (never held whole). */
  public void encodeMp3(Path file, Path wav, Map<String, String> tags) throws IOException {
    Mp3Encoder.encode(file, wav, tags, parts);
  }

  @Override
  public void close() {
    parts.shutdownNow();
  }

  /**
   * Queues every part of the clips on the render pool, round-robin across clips; a long clip's
   * parts are spilled into its {@code spills} folder as they finish.
   */
  private List<List<Future<Measured>>> submitParts(List<ClipPlan> clips, List<SpillDir> spills) throws IOException {
    PartRenderer renderer = new PartRenderer(soundBank(), "linear");
    List<List<Future<Measured>>> out = new ArrayList<>();
    int most = 0;
    for (ClipPlan clip : clips) {
      out.add(new ArrayList<>());
      most = Math.max(most, clip.arrangement().parts().size());
    }
    for (int p = 0; p < most; p++) {
      for (int c = 0; c < clips.size(); c++) {
        ClipPlan clip = clips.get(c);
        Arrangement arrangement = clip.arrangement();
        if (p >= arrangement.parts().size()) {
          continue;
        }
        Part part = arrangement.parts().get(p);
        SpillDir spill = spills(arrangement) ? spills.get(c) : null;
        String spillName = "part-" + p + ".f32.wav";
        out.get(c).add(parts.submit(() -> renderPart(renderer, arrangement, part, clip.voice(), spill, spillName)));
      }
    }
    return out;
  }

  private Measured renderPart(PartRenderer renderer, Arrangement arrangement, Part part, Voice voice,
      SpillDir spill, String spillName) throws IOException {
    // The vocal is sung (words on its notes); every other part is played by Gervill.
    Stem stem = part.role() == PartRole.VOCAL && voice != null
        ? singer.sing(arrangement, part, voice, frames(arrangement))
        : renderer.render(part, arrangement.groove(), frames(arrangement));
    // Mid (mono fold) for balancing: half the cost, and every stem reads on the same scale.
    double loudness = LoudnessMeter.integratedMid(stem.left(), stem.right(), PartRenderer.SAMPLE_RATE);
    StemAudio audio = spill == null ? new StemAudio.Held(stem) : StemAudio.OnDisk.spill(stem, spill.file(spillName));
    return new Measured(audio, loudness);
  }

  private static int frames(Arrangement arrangement) {
    return (int) Math.ceil(arrangement.durationSeconds() * PartRenderer.SAMPLE_RATE);
  }

  private record Measured(StemAudio stem, double loudness) {}

  /** A clip's parts in arrangement order, each with its loudness. */
  private record RenderedParts(List<StemAudio> stems, double[] loudness) {}

  private static RenderedParts awaitParts(List<Future<Measured>> partFutures) throws IOException {
    List<StemAudio> stems = new ArrayList<>();
    double[] loudness = new double[partFutures.size()];
    for (int i = 0; i < partFutures.size(); i++) {
      Measured m = await(partFutures.get(i));
      stems.add(m.stem());
      loudness[i] = m.loudness();
    }
    return new RenderedParts(stems, loudness);
  }

  /**
   * Whether a clip's parts go to disk as they are rendered: when holding them all would take more
   * than a sixth of the heap (two clips render at once, and mixing and mastering need room too).
   * With the 3 GB test heap a 3-minute song stays in memory; an 8-minute one, or any long clip in a
   * 1 GB heap, spills.
   */
  private boolean spills(Arrangement arrangement) {
    long bytes = (long) frames(arrangement) * 2 * Float.BYTES * arrangement.parts().size();
    return bytes > spillAboveBytes;
  }

  /**
   * What mixing and mastering a clip holds, in megabytes: about six full-length float arrays (the
   * mix's two channels, the reverb send and its wet signal; or the master's two channels, its
   * K-weighted power, limiter envelope and gain curve).
   */
  private static int wholeSignalMegabytes(int frames) {
    return (int) Math.max(1, ((long) frames * Float.BYTES * 6) >> 20);
  }

  /** Waits for the clip's share of the whole-signal budget; closing the lease gives it back (once). */
  private Lease lease(int frames) throws IOException {
    int permits = Math.min(budgetMegabytes, wholeSignalMegabytes(frames));
    try {
      wholeSignal.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to mix", e);
    }
    return new Lease(wholeSignal, permits);
  }

  private static final class Lease implements AutoCloseable {
    private final Semaphore semaphore;
    private int permits;

    Lease(Semaphore semaphore, int permits) {
      this.semaphore = semaphore;
      this.permits = permits;
    }

    /** A lease of nothing (a streamed clip's). */
    static Lease none() {
      return new Lease(null, 0);
    }

    @Override
    public synchronized void close() {
      if (permits > 0) {
        semaphore.release(permits);
      }
      permits = 0;
    }
  }

  /**
   * Which instruments play, for logs and readiness details: the SoundFont's name and file, or
   * Gervill's built-in bank. The bank is loaded on the first call or render, once per studio.
   */
  public String soundBankDescription() {
    return soundBank().description();
  }

  /** The sound bank's description if it is loaded already; never loads it (cheap, for health checks). */
  public java.util.Optional<String> loadedSoundBankDescription() {
    SoundBank bank = soundBank;
    return bank == null ? java.util.Optional.empty() : java.util.Optional.of(bank.description());
  }

  private SoundBank soundBank() {
    SoundBank bank = soundBank;
    if (bank == null) {
      synchronized (this) {
        if (soundBank == null) {
          long started = System.nanoTime();
          soundBank = SoundBank.load(config.soundFont());
          log.info("Sound bank: {}, loaded in {} ms", soundBank.description(), (System.nanoTime() - started) / 1_000_000);
        }
        bank = soundBank;
      }
    }
    return bank;
  }

  private static List<WordTiming> timings(Arrangement arrangement) {
    List<WordTiming> out = new ArrayList<>();
    for (SungWord w : arrangement.words()) {
      out.add(new WordTiming(w.word(), round(arrangement.groove().seconds(w.startBeat())),
          round(arrangement.groove().seconds(w.endBeat()))));
    }
    return out;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static String subtitle(ClipPlan clip) {
    return clip.style().genre().label() + " · " + clip.bpm() + " bpm · " + clip.key();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static <T> T await(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while rendering", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException("rendering failed", cause);
    }
  }
}
