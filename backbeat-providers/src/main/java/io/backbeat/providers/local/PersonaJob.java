package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.persona.Persona;
import io.backbeat.core.persona.PersonaService;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.PersonaSpec;
import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.voice.PersonaVoice;
import io.backbeat.engine.voice.VoiceMeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * PERSONA: measures the singer of one of our clips on its vocal stem (over {@code vocalStart}–{@code
 * vocalEnd}, by default the first 30 s; {@link VoiceMeter}: register, vibrato, the timbre that goes
 * with them) and stores it as a persona of the caller's. Result: {@code {"personaId","name",
 * "description","voice":{…}}}. An instrumental clip has no singer: the task fails (400).
 */
public final class PersonaJob implements LocalJob {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final double DEFAULT_WINDOW_SECONDS = 30;

  private final SourceTasks sources;
  private final PersonaService personas;
  private final Path workDir;

  public PersonaJob(SourceTasks sources, PersonaService personas, Path workDir) {
    this.sources = requireNonNull(sources, "sources is null");
    this.personas = requireNonNull(personas, "personas is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  @Override
  public Step run(Task task, TaskContext context) throws Exception {
    if (!(task.spec() instanceof PersonaSpec spec)) {
      throw new UnsupportedOperationException("PersonaJob keeps voices, not " + task.kind());
    }
    Path dir = workDir.resolve(task.id());
    try {
      Files.createDirectories(dir);
      OwnClips clip = OwnClips.resolve(sources, task, spec.source());
      String stem = vocalStem(clip.clip());
      Path wav = clip.copyStem(context.assets(), stem, dir.resolve("vocal.wav"));
      double start = spec.vocalStartSeconds() == null ? 0 : spec.vocalStartSeconds();
      double end = spec.vocalEndSeconds() == null ? start + DEFAULT_WINDOW_SECONDS : spec.vocalEndSeconds();
      float[] mono = window(wav, start, end);
      PersonaVoice voice;
      try {
        voice = VoiceMeter.measure(mono, 44100);
      } catch (IllegalArgumentException e) {
        return Step.fail(FailureCode.INVALID_INPUT, e.getMessage() + " between " + start + " and " + end + " s");
      }
      Persona persona;
      try {
        persona = personas.create(task.accountId(), clip.task().id(), spec.source().clipId(), spec.name(), spec.description(), spec.style(), PersonaVoiceJson.write(voice));
      } catch (DuplicateKeyException e) {
        return Step.fail(FailureCode.INVALID_INPUT, "Persona already exists for this music");
      }
      ObjectNode result = MAPPER.createObjectNode().put("personaId", persona.id()).put("name", persona.name());
      result.put("description", persona.description());
      result.set("voice", persona.voice());
      return Step.succeed(result);
    } catch (TaskFailedException e) {
      return Step.fail(e.code(), e.getMessage());
    } finally {
      if (Files.exists(dir)) {
        try (var paths = Files.walk(dir)) {
          for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The clip's vocal stem (the sung part, not an upload's own recording). */
  static String vocalStem(JsonNode clip) throws TaskFailedException {
    Iterator<String> names = clip.path("stems").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.toLowerCase(Locale.ROOT).contains("vocal") || name.toLowerCase(Locale.ROOT).contains("voice")) {
        return name;
      }
    }
    throw new TaskFailedException(FailureCode.INVALID_INPUT, "the track is instrumental: it has no vocal to take a persona from");
  }

  /** The mono fold of [start, end) of a WAV, read once (at most the window is held). */
  private static float[] window(Path wav, double start, double end) throws IOException {
    try (WavReader reader = new WavReader(wav)) {
      long from = Math.min(reader.frames(), Math.round(start * reader.sampleRate()));
      long to = Math.min(reader.frames(), Math.round(end * reader.sampleRate()));
      int n = (int) Math.max(0, to - from);
      float[][] frames = new float[reader.channels()][n];
      reader.seek(from);
      reader.read(frames, 0, n);
      float[] mono = new float[n];
      for (float[] channel : frames) {
        for (int i = 0; i < n; i++) mono[i] += channel[i] / frames.length;
      }
      return mono;
    }
  }
}
