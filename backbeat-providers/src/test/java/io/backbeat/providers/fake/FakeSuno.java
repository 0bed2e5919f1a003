package io.backbeat.providers.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Suno-compatible upstream written from the documented contract (sunoapi.org's {@code /api/v1/*}
 * and AnyInt's {@code /suno/*}): {@code {code, msg, data}} envelopes, bearer auth, every create route
 * with its required fields, the record-info / query routes per family with their status words
 * ({@code status} for music and lyrics, string {@code successFlag} for WAV, stems and MP4, integer
 * for cover art), staged callbacks ({@code text → first → complete}, or {@code error} with a code
 * such as 531) to the {@code callBackUrl}, and synchronous timestamped lyrics, style boost and persona.
 * Jobs progress with the test's clock: text after 4 s, first clip after 8 s, done after 12–40 s.
 */
public final class FakeSuno extends FakeUpstream {
  public enum Family { SUNOAPI, ANYINT }

  enum Op { MUSIC, LYRICS, WAV, STEMS, MP4, COVER }

  private final Family family;
  private final String prefix;
  private final String apiKey;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  /** One "second" of a job's life: real-time tests shrink it, settable-clock tests keep 1 s. */
  private volatile Duration unit = Duration.ofSeconds(1);
  /** The error code failing jobs report, or null for a random one of 531 (refunded upstream) and 501. */
  private volatile Integer forcedFailCode;

  private final class Job {
    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    final Op op;
    final String taskId;
    final String callbackUrl;
    final JsonNode params;
    final Instant createdAt;
    final Duration doneAfter;
    final boolean fails;
    final int failCode;
    final List<String> clipIds = new ArrayList<>();
    final Set<String> emitted = ConcurrentHashMap.newKeySet();
    final Map<String, String> fileNames = new ConcurrentHashMap<>();
    final Duration unitAtCreation = unit;

    Job(Op op, String taskId, String callbackUrl, JsonNode params) {
      this.op = op;
      this.taskId = taskId;
      this.callbackUrl = callbackUrl;
      this.params = params;
      this.createdAt = clock.instant();
      this.doneAfter = unit.multipliedBy(12 + nextInt(29));
      this.fails = chance(faults.failJob());
      int drawn = chance(0.5) ? 531 : 501; // drawn even when forced: a seed misbehaves the same either way
      this.failCode = forcedFailCode != null ? forcedFailCode : drawn;
      if (op == Op.MUSIC) {
        clipIds.add(UUID.randomUUID().toString());
        clipIds.add(UUID.randomUUID().toString());
      }
    }

    Duration age() {
      return Duration.between(createdAt, clock.instant());
    }

    boolean done() {
      return ended(age(), doneAfter); // a held fake keeps every job running
    }

    /** The file of an output, made once. */
    String file(String key, String extension, String contentType) {
      return fileNames.computeIfAbsent(key, k -> makeFile(id + "-" + k + "." + extension, contentType));
    }
  }

  public FakeSuno(Family family, InstantSource clock, long seed, Faults faults, String apiKey) throws IOException {
    super(clock, seed, faults);
    this.family = family;
    this.prefix = family == Family.SUNOAPI ? "/api/v1" : "/suno";
    this.apiKey = apiKey;
  }

  /** Jobs created from now on live {@code unit} per second of their normal timeline (text at 4, first at 8, done at 12–40). */
  public FakeSuno timeUnit(Duration unit) {
    this.unit = unit;
    return this;
  }

  private boolean reached(Job job, int units) {
    return job.age().compareTo(job.unitAtCreation.multipliedBy(units)) >= 0;
  }

  /** Failing jobs created from now on report {@code code} (531: "credits refunded"). */
  public FakeSuno failWith(int code) {
    this.forcedFailCode = code;
    return this;
  }

  /** The base URL to configure: host only (the channel appends the family's API root). */
  public String apiRoot() {
    return baseUrl() + prefix;
  }

  @Override
  protected void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
    if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"code\":401,\"msg\":\"You do not have access permissions\",\"data\":null}");
      return;
    }
    if (!path.startsWith(prefix)) {
      send(exchange, 404, "{\"code\":404,\"msg\":\"Invalid request method or path\",\"data\":null}");
      return;
    }
    String route = path.substring(prefix.length());
    String method = exchange.getRequestMethod();
    if (method.equals("GET")) {
      handleGet(exchange, route);
    } else {
      JsonNode request = parse(body);
      posts.add(new Post(route, request));
      handlePost(exchange, route, request);
    }
  }

  /** A request body this upstream received, with its route (under the family's prefix). */
  public record Post(String route, JsonNode body) {}

  private final java.util.List<Post> posts = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The bodies of the POSTs to routes ending with {@code routeSuffix}, in the order received. */
  public java.util.List<JsonNode> postsTo(String routeSuffix) {
    return posts.stream().filter(p -> p.route().endsWith(routeSuffix)).map(Post::body).toList();
  }

  // ---- creates ----

  private Op opOf(String route) {
    if (family == Family.SUNOAPI) {
      return switch (route) {
        case "/generate", "/generate/extend", "/generate/upload-cover", "/generate/upload-extend", "/generate/add-vocals",
            "/generate/add-instrumental", "/generate/replace-section" -> Op.MUSIC;
        case "/lyrics" -> Op.LYRICS;
        case "/wav/generate" -> Op.WAV;
        case "/vocal-removal/generate" -> Op.STEMS;
        case "/mp4/generate" -> Op.MP4;
        case "/suno/cover/generate" -> Op.COVER;
        default -> null;
      };
    }
    return switch (route) {
      case "/generate", "/extend", "/upload-cover", "/upload-extend", "/add-vocals", "/add-instrumental", "/replace-section" -> Op.MUSIC;
      case "/generate-lyrics" -> Op.LYRICS;
      case "/wav-generate" -> Op.WAV;
      case "/vocal-removal", "/split-stem" -> Op.STEMS;
      case "/mp4-generate" -> Op.MP4;
      case "/generate-cover" -> Op.COVER;
      default -> null;
    };
  }

  private void handlePost(HttpExchange exchange, String route, JsonNode request) throws IOException {
    countCreateRequest();
    boolean sunoapi = family == Family.SUNOAPI;
    String syncRoute =
        switch (route) {
          case "/generate/get-timestamped-lyrics", "/timestamped-lyrics" -> "timestamped";
          case "/style/generate", "/style-generate" -> "style";
          case "/generate/generate-persona", "/generate-persona" -> "persona";
          default -> null;
        };
    if (syncRoute != null) {
      sync(exchange, syncRoute, request);
      return;
    }
    Op op = opOf(route);
    if (op == null) {
      send(exchange, 404, "{\"code\":404,\"msg\":\"Invalid request method or path\",\"data\":null}");
      return;
    }
    String callback = request.path("callBackUrl").asText("");
    String problem = validate(route, op, request);
    if (problem != null) {
      send(exchange, 200, "{\"code\":400,\"msg\":\"" + problem + "\",\"data\":null}");
      return;
    }
    Job job = new Job(op, taskIdOfCallbackUrl(callback), callback, request);
    answer(exchange, () -> {
      jobs.put(job.id, job);
      jobCreated(job.taskId);
    }, () -> "{\"code\":200,\"msg\":\"success\",\"data\":{\"taskId\":\"" + job.id + "\"}}");
  }

  private String validate(String route, Op op, JsonNode r) {
    if (r.path("callBackUrl").asText("").isBlank() && !route.endsWith("replace-section")) {
      return "callBackUrl is required";
    }
    switch (op) {
      case MUSIC -> {
        if (route.endsWith("/generate") && (!r.has("customMode") || !r.has("instrumental") || r.path("model").asText("").isBlank())) {
          return "customMode, instrumental and model are required";
        }
        if (route.endsWith("/generate") && !r.path("customMode").asBoolean() && r.path("prompt").asText("").isBlank()) {
          return "prompt is required in non-custom mode";
        }
        if (route.contains("extend") && !route.contains("upload") && !audioOfKnownJob(r.path("audioId").asText(""))) {
          return "audioId does not exist";
        }
        if (route.contains("upload") || route.contains("add-")) {
          if (r.path("uploadUrl").asText("").isBlank()) return "uploadUrl is required";
        }
        if (route.endsWith("replace-section") && !clipOf(r)) {
          return "taskId/audioId does not exist";
        }
      }
      case LYRICS -> {
        if (r.path("prompt").asText("").isBlank()) return "prompt is required";
      }
      case WAV, STEMS, MP4 -> {
        if (!clipOf(r)) return "taskId/audioId does not exist";
      }
      case COVER -> {
        if (!jobs.containsKey(r.path("taskId").asText(""))) return "taskId does not exist";
      }
    }
    return null;
  }

  private boolean audioOfKnownJob(String audioId) {
    return jobs.values().stream().anyMatch(j -> j.clipIds.contains(audioId));
  }

  private boolean clipOf(JsonNode r) {
    Job source = jobs.get(r.path("taskId").asText(""));
    return source != null && source.clipIds.contains(r.path("audioId").asText(""));
  }

  private void sync(HttpExchange exchange, String op, JsonNode r) throws IOException {
    if (!op.equals("style") && !clipOf(r)) {
      send(exchange, 200, "{\"code\":400,\"msg\":\"taskId/audioId does not exist\",\"data\":null}");
      return;
    }
    ObjectNode root = JSON.createObjectNode().put("code", 200).put("msg", "success");
    ObjectNode data = root.putObject("data");
    switch (op) {
      case "timestamped" -> {
        ArrayNode words = data.putArray("alignedWords");
        words.addObject().put("word", "[Verse]\nHello").put("success", true).put("startS", 1.2).put("endS", 1.6).put("palign", 0);
        words.addObject().put("word", "world").put("success", true).put("startS", 1.7).put("endS", 2.3).put("palign", 0);
        ArrayNode wave = data.putArray("waveformData");
        for (int i = 0; i < 8; i++) wave.add(i / 8.0);
        data.put("hootCer", 0.21).put("isStreamed", false);
      }
      case "style" -> data.put("taskId", UUID.randomUUID().toString()).put("param", r.toString())
          .put("result", r.path("content").asText() + ", lush strings, dreamy reverb, 92 bpm").put("creditsConsumed", 0.1)
          .put("creditsRemaining", 99.9).put("successFlag", "1").put("errorCode", 0).put("errorMessage", "");
      case "persona" -> data.put("personaId", "persona-" + UUID.randomUUID()).put("name", r.path("name").asText())
          .put("description", r.path("description").asText());
      default -> throw new IllegalStateException(op);
    }
    answer(exchange, () -> {}, root::toString);
  }

  // ---- reads ----

  private void handleGet(HttpExchange exchange, String route) throws IOException {
    if (route.equals("/generate/credit") && family == Family.SUNOAPI) {
      send(exchange, 200, "{\"code\":200,\"msg\":\"success\",\"data\":1234}");
      return;
    }
    Op op = queryOp(route);
    if (op == null) {
      send(exchange, 404, "{\"code\":404,\"msg\":\"Invalid request method or path\",\"data\":null}");
      return;
    }
    String id = query(exchange, "taskId");
    Job job = id == null ? null : jobs.get(id);
    if (job == null || job.op != op) {
      send(exchange, 200, "{\"code\":404,\"msg\":\"task not found\",\"data\":null}");
      return;
    }
    answer(exchange, () -> {}, () -> record(job).toString());
  }

  private Op queryOp(String route) {
    if (family == Family.SUNOAPI) {
      return switch (route) {
        case "/generate/record-info" -> Op.MUSIC;
        case "/lyrics/record-info" -> Op.LYRICS;
        case "/wav/record-info" -> Op.WAV;
        case "/vocal-removal/record-info" -> Op.STEMS;
        case "/mp4/record-info" -> Op.MP4;
        case "/suno/cover/record-info" -> Op.COVER;
        default -> null;
      };
    }
    return switch (route) {
      case "/query/task" -> Op.MUSIC;
      case "/query/lyrics" -> Op.LYRICS;
      case "/query/wav" -> Op.WAV;
      case "/query/vocal-removal" -> Op.STEMS;
      case "/query/mp4" -> Op.MP4;
      case "/query/cover" -> Op.COVER;
      default -> null;
    };
  }

  private ObjectNode record(Job job) {
    ObjectNode root = JSON.createObjectNode().put("code", 200).put("msg", "success");
    ObjectNode data = root.putObject("data");
    data.put("taskId", job.id);
    data.put("param", job.params.toString());
    boolean done = job.done();
    if (done) {
      jobEnded(job.taskId, !job.fails);
    }
    switch (job.op) {
      case MUSIC -> {
        data.put("parentMusicId", "");
        ObjectNode response = data.putObject("response").put("taskId", job.id);
        String status;
        if (done && job.fails) {
          status = "GENERATE_AUDIO_FAILED";
          data.put("errorCode", job.failCode).put("errorMessage", job.failCode == 531 ? "Generation failed, credits refunded" : "Audio generation failed");
          response.putArray("sunoData");
        } else {
          int ready = done ? 2 : reached(job, 8) ? 1 : 0;
          status = done ? "SUCCESS" : ready == 1 ? "FIRST_SUCCESS" : reached(job, 4) ? "TEXT_SUCCESS" : "PENDING";
          ArrayNode items = response.putArray("sunoData");
          if (!status.equals("PENDING")) {
            boolean placeholder = done && chance(faults.expiredUrl() / 2);
            for (int i = 0; i < 2; i++) {
              items.add(clip(job, i, i < ready, false, placeholder && i == 1));
            }
          }
          data.putNull("errorCode").putNull("errorMessage");
        }
        data.put("status", status).put("type", "GENERATE").put("operationType", "generate");
      }
      case LYRICS -> {
        ObjectNode response = data.putObject("response").put("taskId", job.id);
        ArrayNode items = response.putArray("data");
        String status = !done ? "PENDING" : job.fails ? "GENERATE_LYRICS_FAILED" : "SUCCESS";
        if (done && !job.fails) {
          for (int i = 0; i < 2; i++) {
            items.addObject().put("text", "[Verse]\nline " + i + " of " + job.params.path("prompt").asText() + "\n[Chorus]\nla la")
                .put("title", "Variant " + (i + 1)).put("status", "complete").put("errorMessage", "");
          }
        }
        data.put("status", status).put("type", "LYRICS");
        if (done && job.fails) data.put("errorCode", job.failCode).put("errorMessage", "Lyrics generation failed");
      }
      case WAV -> flagged(job, data, "GENERATE_WAV_FAILED", response -> response.put("audioWavUrl", fileUrl(job.file("wav", "wav", "audio/wav"))));
      case MP4 -> flagged(job, data, "GENERATE_MP4_FAILED", response -> response.put("videoUrl", fileUrl(job.file("mp4", "mp4", "video/mp4"))));
      case STEMS -> flagged(job, data, "GENERATE_AUDIO_FAILED", response -> {
        boolean split = "split_stem".equals(job.params.path("type").asText());
        // §2.19: the source track as originUrl, then the stems of the variant
        response.put("originUrl", fileUrl(job.file("originUrl", "mp3", "audio/mpeg")));
        for (String stem : split ? List.of("vocalUrl", "backingVocalsUrl", "drumsUrl", "bassUrl", "guitarUrl") : List.of("vocalUrl", "instrumentalUrl")) {
          response.put(stem, fileUrl(job.file(stem, "mp3", "audio/mpeg")));
        }
      });
      case COVER -> {
        data.put("parentTaskId", job.params.path("taskId").asText());
        ObjectNode response = data.putObject("response");
        if (done && !job.fails) {
          response.putArray("images").add(fileUrl(job.file("cover-0", "png", "image/png"))).add(fileUrl(job.file("cover-1", "png", "image/png")));
        }
        data.put("successFlag", !done ? (reached(job, 3) ? 2 : 0) : job.fails ? 3 : 1);
      }
    }
    return root;
  }

  private void flagged(Job job, ObjectNode data, String failedFlag, java.util.function.Consumer<ObjectNode> success) {
    data.put("musicId", job.params.path("audioId").asText());
    ObjectNode response = data.putObject("response");
    boolean done = job.done();
    if (done && !job.fails) {
      success.accept(response);
    }
    data.put("successFlag", !done ? "PENDING" : job.fails ? failedFlag : "SUCCESS");
    if (done && job.fails) data.put("errorCode", 500).put("errorMessage", "conversion failed");
  }

  private ObjectNode clip(Job job, int i, boolean ready, boolean snakeCase, boolean placeholder) {
    ObjectNode item = JSON.createObjectNode();
    item.put("id", job.clipIds.get(i));
    String audio = ready ? (placeholder ? "https://cdn1.suno.ai/None.mp3" : fileUrl(job.file("clip" + i, "mp3", "audio/mpeg"))) : "";
    String image = ready ? fileUrl(job.file("cover" + i, "jpeg", "image/jpeg")) : "";
    item.put(snakeCase ? "audio_url" : "audioUrl", audio);
    item.put(snakeCase ? "stream_audio_url" : "streamAudioUrl", ready ? baseUrl() + "/stream/" + job.id + "-" + i : "");
    item.put(snakeCase ? "image_url" : "imageUrl", image);
    item.put("prompt", job.params.path("customMode").asBoolean() ? job.params.path("prompt").asText("") : "[Verse]\nwritten for " + job.id);
    item.put(snakeCase ? "model_name" : "modelName", "chirp-v4");
    item.put("title", job.params.path("title").asText("Song " + job.id.substring(0, 4)));
    item.put("tags", job.params.path("style").asText("pop"));
    item.put("createTime", "2026-12-01 10:00:00");
    if (ready) item.put("duration", 120.5 + i);
    else item.putNull("duration");
    return item;
  }

  // ---- callbacks: emitted as the clock passes each stage ----

  @Override
  public List<Integer> deliverCallbacks() {
    for (Job job : jobs.values()) {
      emitDue(job);
    }
    return super.deliverCallbacks();
  }

  private void emitDue(Job job) {
    boolean done = job.done();
    switch (job.op) {
      case MUSIC -> {
        if (done && job.fails) {
          once(job, "error", () -> "{\"code\":" + job.failCode + ",\"msg\":\"Audio generation failed\",\"data\":{\"callbackType\":\"error\",\"task_id\":\"" + job.id + "\",\"data\":null}}");
          return;
        }
        if (reached(job, 4)) once(job, "text", () -> musicCallback(job, "text", 0));
        if (reached(job, 8)) once(job, "first", () -> musicCallback(job, "first", 1));
        if (done) once(job, "complete", () -> musicCallback(job, "complete", 2));
      }
      case LYRICS -> {
        if (done) once(job, "complete", () -> "{\"code\":" + (job.fails ? job.failCode : 200) + ",\"msg\":\"done\",\"data\":{\"callbackType\":\""
            + (job.fails ? "error" : "complete") + "\",\"taskId\":\"" + job.id + "\",\"data\":null}}");
      }
      case WAV, STEMS, MP4 -> {
        if (done) once(job, "complete", () -> "{\"code\":" + (job.fails ? 400 : 200) + ",\"msg\":\"done\",\"data\":{\"task_id\":\"" + job.id + "\"}}");
      }
      case COVER -> {
        if (done) once(job, "complete", () -> "{\"code\":" + (job.fails ? 501 : 200) + ",\"msg\":\"done\",\"data\":{\"taskId\":\"" + job.id + "\",\"images\":null}}");
      }
    }
  }

  private String musicCallback(Job job, String type, int ready) {
    ObjectNode root = JSON.createObjectNode().put("code", 200).put("msg", type + " done");
    ObjectNode data = root.putObject("data").put("callbackType", type).put("task_id", job.id);
    ArrayNode items = data.putArray("data");
    for (int i = 0; i < 2; i++) {
      items.add(clip(job, i, i < ready, true, false));
    }
    return root.toString();
  }

  private void once(Job job, String event, java.util.function.Supplier<String> body) {
    if (job.emitted.add(event)) {
      callBack(job.id, job.callbackUrl, body.get());
    }
  }

  /** The upstream ids of every job it made for our task. */
  public List<String> jobIdsFor(String taskId) {
    return jobs.values().stream().filter(j -> taskId.equals(j.taskId)).map(j -> j.id).toList();
  }

  /** Kinds of request this fake knows, for the record. */
  static final Set<Op> OPS = EnumSet.allOf(Op.class);
}
