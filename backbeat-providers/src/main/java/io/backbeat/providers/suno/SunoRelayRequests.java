package io.backbeat.providers.suno;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.spec.AddInstrumentalSpec;
import io.backbeat.core.task.spec.AddVocalsSpec;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.CoverArtSpec;
import io.backbeat.core.task.spec.ExtendSpec;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.core.task.spec.MusicVideoSpec;
import io.backbeat.core.task.spec.PersonaSpec;
import io.backbeat.core.task.spec.ReplaceSectionSpec;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.StemsSpec;
import io.backbeat.core.task.spec.StyleBoostSpec;
import io.backbeat.core.task.spec.TimestampedLyricsSpec;
import io.backbeat.core.task.spec.UploadCoverSpec;
import io.backbeat.core.task.spec.UploadExtendSpec;
import io.backbeat.core.task.spec.VocalGender;
import io.backbeat.core.task.spec.WavSpec;
import io.backbeat.providers.relay.RelayJob;

/**
 * Specs as the Suno upstreams' create bodies (the same in both path families): our canonical
 * fields in the upstream's names ({@code excludedStyles} → {@code negativeTags}, the caller's lyrics
 * → {@code prompt} in custom mode, our clip → the upstream's {@code taskId}/{@code audioId}).
 */
final class SunoRelayRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SunoRelayRequests() {}

  static ObjectNode body(RelayJob job) {
    ObjectNode body = JSON.createObjectNode();
    switch (job.spec()) {
      case SongSpec s -> {
        Composition c = s.composition();
        body.put("customMode", c.callerWritten()).put("instrumental", c.instrumental()).put("model", s.model());
        composition(body, c, c.callerWritten());
        callback(body, job);
      }
      case ExtendSpec s -> {
        body.put("defaultParamFlag", s.composition() != null).put("audioId", job.source().upstreamClipId()).put("model", s.model());
        if (s.continueAtSeconds() != null) {
          body.put("continueAt", s.continueAtSeconds());
        }
        if (s.composition() != null) {
          composition(body, s.composition(), true);
        }
        callback(body, job);
      }
      case UploadCoverSpec s -> {
        Composition c = s.composition();
        body.put("uploadUrl", s.sourceUrl()).put("customMode", c.callerWritten()).put("instrumental", c.instrumental()).put("model", s.model());
        composition(body, c, c.callerWritten());
        callback(body, job);
      }
      case UploadExtendSpec s -> {
        body.put("uploadUrl", s.sourceUrl()).put("defaultParamFlag", s.composition() != null).put("model", s.model());
        if (s.continueAtSeconds() != null) {
          body.put("continueAt", s.continueAtSeconds());
        }
        if (s.composition() != null) {
          body.put("instrumental", s.composition().instrumental());
          composition(body, s.composition(), true);
        }
        callback(body, job);
      }
      case AddVocalsSpec s -> {
        Composition c = s.composition();
        body.put("uploadUrl", s.sourceUrl()).put("model", s.model());
        putText(body, "prompt", c.lyrics() != null ? c.lyrics() : c.prompt());
        putText(body, "title", c.title());
        putText(body, "style", c.style());
        body.put("negativeTags", c.shaping().excludedStyles() == null ? "" : c.shaping().excludedStyles());
        voice(body, c.shaping());
        callback(body, job);
      }
      case AddInstrumentalSpec s -> {
        Composition c = s.composition();
        body.put("uploadUrl", s.sourceUrl()).put("model", s.model());
        putText(body, "title", c.title());
        putText(body, "tags", c.style());
        body.put("negativeTags", c.shaping().excludedStyles() == null ? "" : c.shaping().excludedStyles());
        voice(body, c.shaping());
        callback(body, job);
      }
      case ReplaceSectionSpec s -> {
        Composition c = s.composition();
        body.put("taskId", job.source().upstreamTaskId()).put("audioId", job.source().upstreamClipId());
        putText(body, "prompt", c.lyrics() != null ? c.lyrics() : c.prompt());
        putText(body, "tags", c.style());
        putText(body, "title", c.title());
        body.put("infillStartS", s.startSeconds()).put("infillEndS", s.endSeconds());
        putText(body, "negativeTags", c.shaping().excludedStyles());
        callback(body, job);
      }
      case LyricsSpec s -> {
        body.put("prompt", s.prompt());
        callback(body, job);
      }
      case TimestampedLyricsSpec s -> body.put("taskId", job.source().upstreamTaskId()).put("audioId", job.source().upstreamClipId());
      case StyleBoostSpec s -> body.put("content", s.hint());
      case PersonaSpec s -> {
        body.put("taskId", job.source().upstreamTaskId()).put("audioId", job.source().upstreamClipId()).put("name", s.name());
        body.put("description", s.description() == null ? "" : s.description());
        if (s.vocalStartSeconds() != null) body.put("vocalStart", s.vocalStartSeconds());
        if (s.vocalEndSeconds() != null) body.put("vocalEnd", s.vocalEndSeconds());
        putText(body, "style", s.style());
      }
      case CoverArtSpec s -> {
        body.put("taskId", job.source().upstreamTaskId());
        callback(body, job);
      }
      case WavSpec s -> {
        body.put("taskId", job.source().upstreamTaskId()).put("audioId", job.source().upstreamClipId());
        callback(body, job);
      }
      case StemsSpec s -> {
        body.put("taskId", job.source().upstreamTaskId()).put("audioId", job.source().upstreamClipId());
        body.put("type", s.separation() == StemsSpec.Separation.ALL_STEMS ? "split_stem" : "separate_vocal");
        callback(body, job);
      }
      case MusicVideoSpec s -> {
        body.put("taskId", job.source().upstreamTaskId()).put("audioId", job.source().upstreamClipId());
        putText(body, "author", s.author());
        putText(body, "domainName", s.watermark());
        callback(body, job);
      }
      default -> throw new UnsupportedOperationException("Suno makes no " + job.spec().kind());
    }
    if (body.has("personaId")) {
      // our persona ids mean nothing upstream: the job carries the upstream's id (or none)
      if (job.personaId() == null) {
        body.remove("personaId");
      } else {
        body.put("personaId", job.personaId());
      }
    }
    return body;
  }

  /** Custom mode sings the caller's words: they go in {@code prompt}; simple mode sends the idea. */
  private static void composition(ObjectNode body, Composition c, boolean custom) {
    if (custom) {
      if (!c.instrumental()) {
        putText(body, "prompt", c.lyrics());
      }
      putText(body, "style", c.style());
      putText(body, "title", c.title());
    } else {
      putText(body, "prompt", c.prompt());
    }
    Shaping s = c.shaping();
    putText(body, "negativeTags", s.excludedStyles());
    voice(body, s);
    putText(body, "personaId", s.personaId());
  }

  private static void voice(ObjectNode body, Shaping s) {
    if (s.vocalGender() != null) {
      body.put("vocalGender", s.vocalGender() == VocalGender.FEMALE ? "f" : "m");
    }
    if (s.styleWeight() != null) body.put("styleWeight", s.styleWeight());
    if (s.weirdness() != null) body.put("weirdnessConstraint", s.weirdness());
    if (s.audioWeight() != null) body.put("audioWeight", s.audioWeight());
  }

  /** The upstream calls back to us (the URL names the task); Suno requires one on every async route. */
  private static void callback(ObjectNode body, RelayJob job) {
    body.put("callBackUrl", job.callbackUrl() == null ? "" : job.callbackUrl());
  }

  private static void putText(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
