package io.backbeat.providers.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.billing.Settlement;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.StemsSpec;
import io.backbeat.providers.relay.Draft;
import io.backbeat.providers.relay.Progress;
import io.backbeat.providers.relay.RelayJob;
import io.backbeat.providers.relay.SourceClip;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The Suno upstreams' job records ({@code record-info} / {@code query/*}) as canonical drafts, and
 * their verdicts in our words. Status words we do not know keep the task polling (a gateway that
 * reads an unknown word as failure breaks the moment the upstream adds one). A result counts as done
 * only with its files: "SUCCESS" without audio URLs, or with Suno's {@code None.mp3} placeholder, is
 * still working. Every definitive failure is refunded: the upstreams bill finished generations
 * ({@code 531} even says "credits refunded").
 */
final class SunoRelayResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Record {@code response} fields → the stem names of the local studio's results (snake case). */
  private static final Map<String, String> STEMS =
      Map.ofEntries(
          Map.entry("vocalUrl", "vocals"),
          Map.entry("instrumentalUrl", "instrumental"),
          Map.entry("backingVocalsUrl", "backing_vocals"),
          Map.entry("drumsUrl", "drums"),
          Map.entry("bassUrl", "bass"),
          Map.entry("guitarUrl", "guitar"),
          Map.entry("keyboardUrl", "keyboard"),
          Map.entry("percussionUrl", "percussion"),
          Map.entry("stringsUrl", "strings"),
          Map.entry("synthUrl", "synth"),
          Map.entry("fxUrl", "fx"),
          Map.entry("brassUrl", "brass"),
          Map.entry("woodwindsUrl", "woodwinds"));

  private SunoRelayResults() {}

  /** A job record's {@code data} read for the task's kind. */
  static Progress read(RelayJob job, JsonNode data) {
    Task task = job.task();
    TaskKind kind = task.kind();
    return switch (kind) {
      case LYRICS -> lyrics(data);
      case WAV -> flagged(data, "GENERATE_WAV_FAILED", () -> single(data.path("response").path("audioWavUrl").asText(""), "audio", "wav", "wav"));
      case MP4 -> flagged(data, "GENERATE_MP4_FAILED", () -> single(data.path("response").path("videoUrl").asText(""), "video", "mp4", "video"));
      case STEMS -> flagged(data, "GENERATE_AUDIO_FAILED", () -> stems((StemsSpec) task.spec(), job.source(), data.path("response")));
      case COVER_ART -> coverArt(data);
      default -> music(task, data);
    };
  }

  // ---- music (generate, extend, covers, vocals, instrumentals, section replacement) ----

  private static Progress music(Task task, JsonNode data) {
    String status = data.path("status").asText("");
    JsonNode items = data.path("response").path("sunoData");
    return switch (status) {
      case "SUCCESS" -> complete(items) ? new Progress.Done(musicDraft(task, items, true)) : new Progress.Working(Stage.FIRST, musicDraft(task, items, true));
      case "FIRST_SUCCESS" -> new Progress.Working(Stage.FIRST, musicDraft(task, items, true));
      case "TEXT_SUCCESS" -> new Progress.Working(Stage.TEXT, musicDraft(task, items, false));
      case "CALLBACK_EXCEPTION" ->
          // the upstream failed to call us back; the work itself may well be done
          complete(items) ? new Progress.Done(musicDraft(task, items, true)) : failure(data, FailureCode.GENERATION_FAILED);
      case "SENSITIVE_WORD_ERROR" -> failure(data, FailureCode.SENSITIVE_CONTENT);
      case "CREATE_TASK_FAILED", "GENERATE_AUDIO_FAILED" -> failure(data, FailureCode.GENERATION_FAILED);
      default -> new Progress.Working(Stage.NONE, null); // PENDING, or a word we do not know yet
    };
  }

  /** Every clip has a real audio file (not the {@code None.mp3} placeholder). */
  private static boolean complete(JsonNode items) {
    if (!items.isArray() || items.isEmpty()) {
      return false;
    }
    for (JsonNode item : items) {
      if (!usableUrl(firstText(item, "audioUrl", "audio_url"))) {
        return false;
      }
    }
    return true;
  }

  private static Draft musicDraft(Task task, JsonNode items, boolean withFiles) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode clips = result.putArray("clips");
    Draft draft = new Draft(result);
    int index = 0;
    for (JsonNode item : items) {
      String id = clipId(task, index++);
      ObjectNode clip = clips.addObject();
      clip.put("id", id);
      putText(clip, "upstreamId", firstText(item, "id"));
      putText(clip, "title", firstText(item, "title"));
      putText(clip, "tags", firstText(item, "tags"));
      putText(clip, "prompt", firstText(item, "prompt"));
      JsonNode duration = item.path("duration");
      if (duration.isNumber()) {
        clip.put("duration", duration.asDouble());
      }
      if (withFiles) {
        String audio = firstText(item, "audioUrl", "audio_url");
        if (usableUrl(audio)) {
          draft.asset(audio, id, "mp3", clip, "audio");
          draft.asset(firstText(item, "imageUrl", "image_url"), id, "jpg", clip, "image");
        }
      }
    }
    JsonNode first = clips.path(0);
    putText(result, "title", first.path("title").asText(null));
    putText(result, "tags", first.path("tags").asText(null));
    putText(result, "lyrics", first.path("prompt").asText(null));
    return draft;
  }

  /** The same clip ids as the local studio makes: stable per task and index. */
  static String clipId(Task task, int index) {
    return UUID.nameUUIDFromBytes((task.id() + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
  }

  // ---- lyrics ----

  private static Progress lyrics(JsonNode data) {
    String status = data.path("status").asText("");
    return switch (status) {
      case "SUCCESS", "CALLBACK_EXCEPTION" -> {
        ObjectNode result = JSON.createObjectNode();
        ArrayNode lyrics = result.putArray("lyrics");
        for (JsonNode item : data.path("response").path("data")) {
          String text = item.path("text").asText("");
          if (!text.isBlank() && !"failed".equalsIgnoreCase(item.path("status").asText(""))) {
            lyrics.addObject().put("title", item.path("title").asText("")).put("text", text);
          }
        }
        if (lyrics.isEmpty()) {
          yield "SUCCESS".equals(status) ? new Progress.Working(Stage.NONE, null) : failure(data, FailureCode.GENERATION_FAILED);
        }
        yield new Progress.Done(new Draft(result));
      }
      case "SENSITIVE_WORD_ERROR" -> failure(data, FailureCode.SENSITIVE_CONTENT);
      case "CREATE_TASK_FAILED", "GENERATE_LYRICS_FAILED" -> failure(data, FailureCode.GENERATION_FAILED);
      default -> new Progress.Working(Stage.NONE, null);
    };
  }

  // ---- WAV, MP4, stems: successFlag ----

  private static Progress flagged(JsonNode data, String failedFlag, java.util.function.Supplier<Draft> done) {
    String flag = data.path("successFlag").asText("");
    switch (flag) {
      case "SUCCESS", "CALLBACK_EXCEPTION" -> {
        Draft draft = done.get();
        if (!draft.assets().isEmpty()) {
          return new Progress.Done(draft);
        }
        return "SUCCESS".equals(flag) ? new Progress.Working(Stage.NONE, null) : failure(data, FailureCode.GENERATION_FAILED);
      }
      case "CREATE_TASK_FAILED" -> {
        return failure(data, FailureCode.GENERATION_FAILED);
      }
      default -> {
        if (flag.equals(failedFlag) || flag.endsWith("_FAILED")) {
          return failure(data, FailureCode.GENERATION_FAILED);
        }
        return new Progress.Working(Stage.NONE, null);
      }
    }
  }

  private static Draft single(String url, String baseName, String extension, String field) {
    ObjectNode result = JSON.createObjectNode();
    Draft draft = new Draft(result);
    if (usableUrl(url)) {
      draft.asset(url, baseName, extension, result, field);
    }
    return draft;
  }

  /**
   * The local studio's stems shape: {@code separation}, {@code origin} (the source track's audio,
   * already in our store, as the local studio names it), {@code stems}, {@code approximate} (an
   * upstream separation is what it is: false). Only the stems count as outputs to wait for.
   */
  private static Draft stems(StemsSpec spec, SourceClip source, JsonNode response) {
    ObjectNode result = JSON.createObjectNode();
    result.put("separation", spec.separation().name());
    ObjectNode stems = result.putObject("stems");
    Draft draft = new Draft(result);
    STEMS.forEach((field, stem) -> {
      String url = response.path(field).asText("");
      if (usableUrl(url)) {
        draft.asset(url, stem.replace('_', '-'), "mp3", stems, stem);
      }
    });
    if (source != null && source.audioKey() != null) {
      result.put("origin", source.audioKey());
    } else if (usableUrl(response.path("originUrl").asText(""))) {
      draft.asset(response.path("originUrl").asText(), "origin", "mp3", result, "origin");
    }
    result.put("approximate", false);
    return draft;
  }

  // ---- cover art: successFlag is an integer here ----

  private static Progress coverArt(JsonNode data) {
    int flag = data.path("successFlag").asInt(0);
    if (flag == 1) {
      ObjectNode result = JSON.createObjectNode();
      ArrayNode images = result.putArray("images");
      Draft draft = new Draft(result);
      int i = 0;
      for (JsonNode image : data.path("response").path("images")) {
        if (usableUrl(image.asText(""))) {
          draft.asset(image.asText(), "cover-" + i++, "png", images);
        }
      }
      return draft.assets().isEmpty() ? new Progress.Working(Stage.NONE, null) : new Progress.Done(draft);
    }
    if (flag == 3) {
      return failure(data, FailureCode.GENERATION_FAILED);
    }
    return new Progress.Working(Stage.NONE, null);
  }

  // ---- synchronous answers ----

  static Progress timestampedLyrics(JsonNode data) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode words = result.putArray("words");
    for (JsonNode w : data.path("alignedWords")) {
      ObjectNode word = words.addObject();
      word.put("word", w.path("word").asText(""));
      word.put("startS", w.path("startS").asDouble());
      word.put("endS", w.path("endS").asDouble());
      word.put("success", w.path("success").asBoolean(true));
      if (w.has("palign")) word.put("palign", w.path("palign").asInt());
    }
    ArrayNode waveform = result.putArray("waveform");
    data.path("waveformData").forEach(v -> waveform.add(v.asDouble()));
    if (data.path("hootCer").isNumber()) result.put("alignmentScore", data.path("hootCer").asDouble());
    result.put("streamed", data.path("isStreamed").asBoolean(false));
    // as the local studio: a track without a single word is an instrumental one
    result.put("instrumental", words.isEmpty());
    return new Progress.Done(new Draft(result));
  }

  static Progress styleBoost(JsonNode data) {
    String style = data.path("result").asText("");
    if (style.isBlank() || "2".equals(data.path("successFlag").asText(""))) {
      return new Progress.Failed(FailureCode.GENERATION_FAILED, message(data, "the upstream could not expand the style"), Settlement.REFUND);
    }
    ObjectNode result = JSON.createObjectNode().put("style", style);
    return new Progress.Done(new Draft(result));
  }

  static Progress persona(JsonNode data) {
    String id = data.path("personaId").asText("");
    if (id.isBlank()) {
      return new Progress.Failed(FailureCode.GENERATION_FAILED, "the upstream answered without a persona id", Settlement.REFUND);
    }
    ObjectNode result = JSON.createObjectNode().put("personaId", id);
    putText(result, "name", data.path("name").asText(null));
    putText(result, "description", data.path("description").asText(null));
    return new Progress.Done(new Draft(result));
  }

  // ---- verdicts ----

  /** A definitive failure: refunded (531 says so outright; the others did not finish a billable generation). */
  private static Progress failure(JsonNode data, FailureCode fallback) {
    int code = data.path("errorCode").asInt(0);
    FailureCode failure =
        switch (code) {
          case 400, 413 -> fallback == FailureCode.SENSITIVE_CONTENT ? fallback : FailureCode.INVALID_INPUT;
          case 408 -> FailureCode.TIMEOUT;
          case 451 -> FailureCode.DOWNLOAD_FAILED;
          default -> fallback;
        };
    String why = message(data, "the upstream failed the job");
    if (code == 531) {
      why = why + " (refunded upstream)";
    }
    return new Progress.Failed(failure, why, Settlement.REFUND);
  }

  private static String message(JsonNode data, String fallback) {
    String text = data.path("errorMessage").asText("");
    if (text.isBlank()) {
      text = data.path("response").path("errorMessage").asText("");
    }
    String status = data.path("status").asText(data.path("successFlag").asText(""));
    String prefix = status.isBlank() ? "" : status.toLowerCase(Locale.ROOT).replace('_', ' ') + ": ";
    return prefix + (text.isBlank() ? fallback : text);
  }

  /** Suno has answered with {@code https://cdn1.suno.ai/None.mp3} for clips that were never made. */
  static boolean usableUrl(String url) {
    return url != null && !url.isBlank() && (url.startsWith("http://") || url.startsWith("https://")) && !url.endsWith("/None.mp3");
  }

  private static String firstText(JsonNode item, String... fields) {
    for (String field : fields) {
      JsonNode value = item.get(field);
      if (value != null && value.isTextual() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
