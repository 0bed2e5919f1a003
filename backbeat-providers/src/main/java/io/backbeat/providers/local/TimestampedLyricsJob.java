package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.TimestampedLyricsSpec;
import io.backbeat.engine.source.SourceAudio;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * TIMESTAMPED_LYRICS: the words one of our clips sings, with the times the engine sang them (its
 * {@code -words.json} asset: real timings, not an estimate), each matched against the clip's lyrics
 * so that the first word of a section carries its tag ({@code "[Chorus]\nCarry"}) as upstream does;
 * a waveform of the clip's decoded audio; and the character error rate between the lyrics and the
 * words sung. An instrumental clip answers with no words.
 *
 * <p>Result: {@code {"words":[{"word","startS","endS","success","palign"}],"waveform":[0..1],
 * "alignmentScore","streamed":false,"instrumental"}}.
 */
public final class TimestampedLyricsJob implements LocalJob {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Waveform points per second of audio, within these bounds. */
  private static final double POINTS_PER_SECOND = 5;
  private static final int MIN_POINTS = 50;
  private static final int MAX_POINTS = 1000;
  /** How far ahead in the lyrics a sung word is looked for. */
  private static final int LOOKAHEAD = 8;

  private final SourceTasks sources;
  private final Path workDir;

  public TimestampedLyricsJob(SourceTasks sources, Path workDir) {
    this.sources = requireNonNull(sources, "sources is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  /** One word of the lyrics, with the section tag written before it (if it opens a section). */
  record LyricWord(String text, String tag) {}

  @Override
  public Step run(Task task, TaskContext context) throws Exception {
    if (!(task.spec() instanceof TimestampedLyricsSpec spec)) {
      throw new UnsupportedOperationException("TimestampedLyricsJob times words, not " + task.kind());
    }
    Path dir = workDir.resolve(task.id());
    try {
      Files.createDirectories(dir);
      OwnClips clip = OwnClips.resolve(sources, task, spec.source());
      Path mp3 = clip.copy(context.assets(), "audio", dir.resolve("clip.mp3"));
      SourceAudio audio = UploadFetcher.decode(mp3, dir.resolve("clip.wav"), 60 * 60);
      List<JsonNode> sung = new ArrayList<>();
      JsonNode wordsKey = clip.clip().path("words");
      if (wordsKey.isTextual()) {
        try (InputStream in = context.assets().open(wordsKey.asText(), 0)) {
          MAPPER.readTree(in).forEach(sung::add);
        }
      }
      String lyrics = clip.clip().path("prompt").asText("");
      ObjectNode result = MAPPER.createObjectNode();
      ArrayNode words = result.putArray("words");
      align(sung, lyricWords(lyrics), words);
      ArrayNode waveform = result.putArray("waveform");
      for (double v : waveform(audio.analysis(), audio.analysisRate(), audio.durationSeconds())) {
        waveform.add(v);
      }
      result.put("alignmentScore", sung.isEmpty() ? 0 : round(characterErrorRate(lyricWords(lyrics), sung), 4));
      result.put("streamed", false);
      result.put("instrumental", sung.isEmpty() && lyrics.isBlank());
      return Step.succeed(result);
    } catch (TaskFailedException e) {
      return Step.fail(e.code(), e.getMessage());
    } finally {
      deleteRecursively(dir);
    }
  }

  /** The lyrics' words in order; section tags ({@code [Verse]}) are attached to the word after them. */
  static List<LyricWord> lyricWords(String lyrics) {
    List<LyricWord> out = new ArrayList<>();
    String pendingTag = null;
    for (String line : lyrics.split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("[") && l.endsWith("]")) {
        pendingTag = l;
        continue;
      }
      for (String token : l.split("\\s+")) {
        if (normal(token).isEmpty()) {
          continue;
        }
        out.add(new LyricWord(token, pendingTag));
        pendingTag = null;
      }
    }
    return out;
  }

  /** Each sung word, matched to the next lyric word it spells (within a few): matched words carry the lyric's spelling and tag. */
  static void align(List<JsonNode> sung, List<LyricWord> lyrics, ArrayNode out) {
    int next = 0;
    for (JsonNode word : sung) {
      String text = word.path("word").asText("");
      int found = -1;
      for (int i = next; i < Math.min(lyrics.size(), next + LOOKAHEAD); i++) {
        if (normal(lyrics.get(i).text()).equals(normal(text))) {
          found = i;
          break;
        }
      }
      String shown = text;
      if (found >= 0) {
        LyricWord lyric = lyrics.get(found);
        shown = lyric.tag() != null ? lyric.tag() + "\n" + lyric.text() : lyric.text();
        next = found + 1;
      }
      out.addObject()
          .put("word", shown)
          .put("success", found >= 0)
          .put("startS", round(word.path("startS").asDouble(), 3))
          .put("endS", round(word.path("endS").asDouble(), 3))
          .put("palign", 0);
    }
  }

  /** Levenshtein distance over the characters of the normalised words, over the lyrics' length. */
  static double characterErrorRate(List<LyricWord> lyrics, List<JsonNode> sung) {
    StringBuilder reference = new StringBuilder();
    lyrics.forEach(w -> reference.append(normal(w.text())).append(' '));
    StringBuilder hypothesis = new StringBuilder();
    sung.forEach(w -> hypothesis.append(normal(w.path("word").asText(""))).append(' '));
    String a = reference.toString().strip();
    String b = hypothesis.toString().strip();
    if (a.isEmpty()) {
      return b.isEmpty() ? 0 : 1;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return Math.min(1, previous[b.length()] / (double) a.length());
  }

  /** Peak level per slice of the mono fold, scaled so the loudest slice is 1. */
  static double[] waveform(float[] mono, int rate, double seconds) {
    int points = (int) Math.max(MIN_POINTS, Math.min(MAX_POINTS, Math.round(seconds * POINTS_PER_SECOND)));
    double[] peaks = new double[points];
    if (mono.length == 0) {
      return peaks;
    }
    double max = 0;
    for (int p = 0; p < points; p++) {
      int from = (int) ((long) mono.length * p / points);
      int to = (int) Math.max(from + 1, (long) mono.length * (p + 1) / points);
      double peak = 0;
      for (int i = from; i < Math.min(to, mono.length); i++) {
        peak = Math.max(peak, Math.abs(mono[i]));
      }
      peaks[p] = peak;
      max = Math.max(max, peak);
    }
    for (int p = 0; p < points; p++) {
      peaks[p] = max > 0 ? round(peaks[p] / max, 4) : 0;
    }
    return peaks;
  }

  private static String normal(String word) {
    return word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']", "");
  }

  private static double round(double v, int places) {
    double scale = Math.pow(10, places);
    return Math.round(v * scale) / scale;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
