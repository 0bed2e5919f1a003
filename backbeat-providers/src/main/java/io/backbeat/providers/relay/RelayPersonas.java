package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.account.Secrets;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.persona.Persona;
import io.backbeat.core.store.DuplicateKeyException;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.PersonaSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.engine.encode.AudioDecoder;
import io.backbeat.engine.encode.DecodedAudio;
import io.backbeat.engine.voice.PersonaVoice;
import io.backbeat.engine.voice.VoiceMeter;
import io.backbeat.providers.local.OwnPersonaCheck;
import io.backbeat.providers.local.PersonaVoiceJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personas made upstream, kept in our persona store like local ones: owner, source task and clip,
 * name, description, and in the stored {@code voice} document the upstream's id
 * ({@code upstream: {channel, personaId}}). Clients get our {@code persona_…} id; a song naming it
 * is sent to that channel with the upstream's id, and the local studio (failover) sings it with the
 * voice measured from the source clip's audio when we hold it, else the seeded voice the studio
 * draws from the persona id (a voice document without a range).
 */
final class RelayPersonas {
  private static final Logger LOG = LoggerFactory.getLogger(RelayPersonas.class);
  static final String ALREADY_EXISTS = "Persona already exists for this music";
  private static final double DEFAULT_WINDOW_SECONDS = 30;

  private final RelayStore store;
  private final Path workDir;

  RelayPersonas(RelayStore store, Path workDir) {
    this.store = requireNonNull(store, "store is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  /** The persona id a music spec sings with, if any. */
  static Optional<String> named(TaskSpec spec) {
    return OwnPersonaCheck.named(spec);
  }

  /** The stored persona a task names, when it is the task's account's (someone else's is not found). */
  Optional<Persona> of(Task task) {
    return named(task.spec()).flatMap(store::persona).filter(p -> p.accountId().equals(task.accountId()));
  }

  /** The channel a stored persona was made on, if it was made upstream. */
  static Optional<String> channelOf(Persona persona) {
    return Optional.ofNullable(persona.voice().path("upstream").path("channel").asText(null));
  }

  /** The upstream's id of a persona made on {@code channel}, if it was. */
  static Optional<String> upstreamId(Persona persona, String channel) {
    JsonNode upstream = persona.voice().path("upstream");
    return channel.equals(upstream.path("channel").asText(null)) ? Optional.ofNullable(upstream.path("personaId").asText(null)) : Optional.empty();
  }

  /**
   * Keeps the persona the upstream made for {@code task}: stores it (once: a repeated finish finds
   * its own) and turns the result's {@code personaId} into ours (the upstream's stays in the
   * result's {@code upstream.taskId}, as every relayed job's id does).
   *
   * @throws DuplicateKeyException when the account already has another persona of that clip
   */
  void keep(Task task, ObjectNode result, String channel, Optional<SourceClip> source, AssetStore assets, Instant now) {
    PersonaSpec spec = (PersonaSpec) task.spec();
    String upstreamId = result.path("personaId").asText();
    Optional<Persona> existing = store.personaOfClip(task.accountId(), spec.source().clipId());
    Persona persona;
    if (existing.isPresent() && upstreamId(existing.get(), channel).filter(upstreamId::equals).isPresent()) {
      persona = existing.get(); // this task's own, stored by an earlier try of this step
    } else if (existing.isPresent()) {
      throw new DuplicateKeyException(ALREADY_EXISTS, null);
    } else {
      ObjectNode voice = measure(task.id(), spec, source, assets).map(PersonaVoiceJson::write).orElseGet(JsonNodeFactory.instance::objectNode);
      voice.putObject("upstream").put("channel", channel).put("personaId", upstreamId);
      String name = result.path("name").asText(spec.name());
      String description = result.hasNonNull("description") ? result.path("description").asText() : spec.description();
      persona = new Persona(Secrets.newId("persona_"), task.accountId(), spec.source().taskId(), spec.source().clipId(), name, description, spec.style(), voice, now);
      store.insertPersona(persona);
    }
    result.put("personaId", persona.id()).put("name", persona.name());
    if (persona.description() != null) {
      result.put("description", persona.description());
    }
  }

  /** The singer of the source clip, measured on its (mixed) audio when we hold it; empty when we do not or cannot. */
  private Optional<PersonaVoice> measure(String taskId, PersonaSpec spec, Optional<SourceClip> source, AssetStore assets) {
    String key = source.map(SourceClip::audioKey).orElse(null);
    if (key == null) {
      return Optional.empty();
    }
    Path copy = null;
    try {
      Files.createDirectories(workDir);
      copy = Files.createTempFile(workDir, "persona-" + taskId, ".audio");
      try (InputStream in = assets.open(key, 0)) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      DecodedAudio audio = AudioDecoder.decode(copy);
      double start = spec.vocalStartSeconds() == null ? 0 : spec.vocalStartSeconds();
      double end = spec.vocalEndSeconds() == null ? start + DEFAULT_WINDOW_SECONDS : spec.vocalEndSeconds();
      int from = (int) Math.min(audio.frames(), Math.round(start * audio.sampleRate()));
      int to = (int) Math.min(audio.frames(), Math.round(end * audio.sampleRate()));
      float[] mono = new float[Math.max(0, to - from)];
      for (float[] channel : audio.channels()) {
        for (int i = 0; i < mono.length; i++) mono[i] += channel[from + i] / audio.channelCount();
      }
      return Optional.of(VoiceMeter.measure(mono, audio.sampleRate()));
    } catch (IOException | RuntimeException e) {
      LOG.info("Task {}: the relayed persona keeps a seeded voice ({})", taskId, e.getMessage());
      return Optional.empty();
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException ignored) {
          // a leftover temp file in the work folder is harmless
        }
      }
    }
  }
}
