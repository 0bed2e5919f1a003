package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.StemsSpec;
import io.backbeat.engine.source.SourceDecoder;
import io.backbeat.engine.stems.StemSplitter;
import io.backbeat.engine.stems.VocalSeparator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * STEMS: the clip's parts, from the per-part stems its render kept, grouped into the delivered
 * stems so that they add up to the released mix (the MP3, decoded) sample for sample
 * ({@link StemSplitter}). {@code VOCAL_AND_INSTRUMENTAL}: the vocal parts, and the mix minus them.
 * {@code ALL_STEMS}: {@code vocals}, {@code drums}, {@code bass}, {@code guitar} (parts on GM guitars,
 * 24–31, named so by the engine), {@code brass} (GM 56–63), {@code keyboard} (the engine's other
 * keys) and {@code synth} (its other lead, pad and colour parts, rendered by General MIDI
 * synthesis), and {@code fx}: what the parts alone do not hold (the shared reverb return, the master
 * limiter's work, the codec's difference). Stems the clip has no part for (a guitar in a synthwave
 * song, strings, woodwinds, …) are not made.
 *
 * <p>A clip built on an uploaded recording (upload-extend, add-vocals, add-instrumental) keeps that
 * recording as one stem we did not render; it is split by {@link VocalSeparator} — an
 * approximate spectral separation — into a vocal (counted in {@code vocals}) and the rest (in the
 * instrumental, or {@code fx}), and the result says {@code "approximate": true}.
 *
 * <p>Result: {@code {"separation","origin":key,"stems":{name:key},"approximate":bool}}, stems as
 * 44.1 kHz stereo 32-bit float WAVs (a stem may peak above full scale), each
 * exactly the clip's length.
 */
public final class StemsJob extends OutputJob {
  public StemsJob(SourceTasks sources, Path workDir) {
    super(sources, workDir);
  }

  /** The delivered stem of a part the engine named (vocal, drums, bass, guitar…, brass…, keys, lead, pad, color…). */
  static String stemOf(String part) {
    String p = part.toLowerCase(Locale.ROOT);
    if (p.startsWith("vocal") || p.equals("voice")) {
      return "vocals";
    }
    if (p.startsWith("drum")) {
      return "drums";
    }
    if (p.startsWith("bass")) {
      return "bass";
    }
    if (p.startsWith("guitar")) {
      return "guitar";
    }
    if (p.startsWith("brass")) {
      return "brass";
    }
    if (p.startsWith("keys") || p.startsWith("piano")) {
      return "keyboard";
    }
    return "synth";
  }

  @Override
  Step make(Task task, TaskContext context, Path dir) throws Exception {
    if (!(task.spec() instanceof StemsSpec spec)) {
      throw new UnsupportedOperationException("StemsJob makes stems, not " + task.kind());
    }
    SourceClip clip = SourceClip.resolve(sources, task, spec.source());
    Path mp3 = SourceClip.copy(context.assets(), clip.audioKey(), dir.resolve("mix.mp3"));
    Path mix = dir.resolve("mix.wav");
    SourceDecoder.decode(mp3, mix, Duration.ofSeconds(Math.round(clip.durationSeconds()) + 60));

    boolean split = spec.separation() == StemsSpec.Separation.ALL_STEMS;
    Map<String, List<Path>> groups = new LinkedHashMap<>();
    boolean approximate = false;
    for (Map.Entry<String, String> stem : clip.stemKeys().entrySet()) {
      Path part = SourceClip.copy(context.assets(), stem.getValue(), dir.resolve("part-" + groups.size() + "-" + safe(stem.getKey()) + ".wav"));
      if (stem.getKey().equals(clip.uploadStem())) {
        // a recording we did not render: only an approximate split is possible
        Path vocal = dir.resolve("upload-vocal.wav");
        VocalSeparator.separate(part, vocal, dir.resolve("upload-rest.wav"));
        groups.computeIfAbsent("vocals", k -> new ArrayList<>()).add(vocal);
        approximate = true; // its rest stays in the remainder
        continue;
      }
      String name = stemOf(stem.getKey());
      if (split || name.equals("vocals")) {
        groups.computeIfAbsent(name, k -> new ArrayList<>()).add(part);
      }
      if (context.isAbandoned()) {
        return Step.abandoned();
      }
    }
    String remainder = split ? "fx" : "instrumental";
    if (!split && !groups.containsKey("vocals")) {
      groups.put("vocals", List.of()); // an instrumental clip: a silent vocal, the mix as the instrumental
    }
    Map<String, Path> outputs = new LinkedHashMap<>();
    for (String name : groups.keySet()) {
      outputs.put(name, dir.resolve("stem-" + name + ".wav"));
    }
    outputs.put(remainder, dir.resolve("stem-" + remainder + ".wav"));
    StemSplitter.split(mix, groups, remainder, outputs);
    if (context.isAbandoned()) {
      return Step.abandoned();
    }

    ObjectNode result = MAPPER.createObjectNode();
    result.put("separation", spec.separation().name());
    result.put("origin", clip.audioKey());
    ObjectNode stems = result.putObject("stems");
    for (Map.Entry<String, Path> output : outputs.entrySet()) {
      stems.put(output.getKey(), put(context.assets(), task, clip.id() + "-" + output.getKey().replace('_', '-') + ".wav", output.getValue()));
    }
    result.put("approximate", approximate);
    return Step.succeed(result);
  }

  private static String safe(String part) {
    return part.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
