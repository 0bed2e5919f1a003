package io.backbeat.providers.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Kling upstream written from the documented contract: every request must carry an HS256 JWT
 * ({@code iss} = access key, signed with the secret key, inside its {@code nbf}/{@code exp}) or gets
 * code 1000–1004; creates on {@code /v1/images/generations}, {@code /v1/images/omni-image},
 * {@code /v1/videos/omni-video}, {@code /v1/videos/text2video}, {@code /v1/videos/image2video} answer
 * {@code {code:0, data:{task_id, task_status:"submitted"}}}; {@code external_task_id} is unique per
 * account (a second create with it is refused with code 1201); a task is read by its id or its
 * external id in the same path; statuses {@code submitted → processing → succeed | failed} with
 * {@code final_unit_deduction}; callbacks (the bare task object) go to {@code callback_url}.
 */
public final class FakeKling extends FakeUpstream {
  private static final Set<String> ROUTES =
      Set.of("/v1/images/generations", "/v1/images/omni-image", "/v1/videos/omni-video", "/v1/videos/text2video", "/v1/videos/image2video");

  private final String accessKey;
  private final String secretKey;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<String, String> byExternal = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(867283741759111202L);
  private final Set<String> tokensSeen = ConcurrentHashMap.newKeySet();

  private final class Job {
    final String id = Long.toString(ids.incrementAndGet());
    final String route;
    final String external;
    final String callbackUrl;
    final Instant createdAt = clock.instant();
    final Duration doneAfter = jobSeconds(10 + nextInt(40));
    final Duration processingAfter = jobSeconds(2);
    final boolean fails = chance(faults.failJob());
    final boolean charged = chance(0.5);
    String file;
    String lastStatus;

    Job(String route, String external, String callbackUrl) {
      this.route = route;
      this.external = external;
      this.callbackUrl = callbackUrl;
    }

    String status() {
      Duration age = Duration.between(createdAt, clock.instant());
      if (ended(age, doneAfter)) {
        jobEnded(external, !fails);
        return fails ? "failed" : "succeed";
      }
      return age.compareTo(processingAfter) >= 0 ? "processing" : "submitted";
    }
  }

  public FakeKling(InstantSource clock, long seed, Faults faults, String accessKey, String secretKey) throws IOException {
    super(clock, seed, faults);
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Jobs created from now on live {@code unit} per second of their normal timeline (processing at 2, done at 10–49). */
  public FakeKling timeUnit(Duration unit) {
    jobUnit(unit);
    return this;
  }

  /** How many different JWTs the client sent (it should reuse one until it nears expiry). */
  public int distinctTokens() {
    return tokensSeen.size();
  }

  @Override
  protected String tooManyBody() {
    return "{\"code\":1302,\"message\":\"request rate too high\",\"request_id\":\"r\"}";
  }

  @Override
  protected String unavailableBody() {
    return "{\"code\":5001,\"message\":\"service temporarily unavailable\",\"request_id\":\"r\"}";
  }

  @Override
  protected String serverErrorBody() {
    return "{\"code\":5000,\"message\":\"internal error\",\"request_id\":\"r\"}";
  }

  @Override
  protected void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
    String problem = checkJwt(exchange.getRequestHeaders().getFirst("Authorization"));
    if (problem != null) {
      send(exchange, 401, problem);
      return;
    }
    if (exchange.getRequestMethod().equals("POST") && ROUTES.contains(path)) {
      countCreateRequest();
      create(exchange, path, parse(body));
      return;
    }
    if (exchange.getRequestMethod().equals("GET") && ROUTES.contains(path)) {
      send(exchange, 200, "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r\",\"data\":[]}");
      return;
    }
    int slash = path.lastIndexOf('/');
    if (exchange.getRequestMethod().equals("GET") && slash > 0 && ROUTES.contains(path.substring(0, slash))) {
      read(exchange, path.substring(0, slash), path.substring(slash + 1));
      return;
    }
    send(exchange, 404, "{\"code\":1202,\"message\":\"invalid request method\",\"request_id\":\"r\"}");
  }

  private String checkJwt(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return "{\"code\":1001,\"message\":\"Authorization empty\",\"request_id\":\"r\"}";
    }
    String token = authorization.substring("Bearer ".length());
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return "{\"code\":1002,\"message\":\"Authorization invalid\",\"request_id\":\"r\"}";
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
      if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
        return "{\"code\":1002,\"message\":\"Authorization invalid\",\"request_id\":\"r\"}";
      }
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!"HS256".equals(header.path("alg").asText()) || !accessKey.equals(claims.path("iss").asText())) {
        return "{\"code\":1002,\"message\":\"Authorization invalid\",\"request_id\":\"r\"}";
      }
      long now = clock.instant().getEpochSecond();
      if (now < claims.path("nbf").asLong(Long.MAX_VALUE)) {
        return "{\"code\":1003,\"message\":\"Authorization not yet valid\",\"request_id\":\"r\"}";
      }
      if (now >= claims.path("exp").asLong(0)) {
        return "{\"code\":1004,\"message\":\"Authorization expired\",\"request_id\":\"r\"}";
      }
    } catch (Exception e) {
      return "{\"code\":1002,\"message\":\"Authorization invalid\",\"request_id\":\"r\"}";
    }
    tokensSeen.add(token);
    return null;
  }

  private void create(HttpExchange exchange, String route, JsonNode request) throws IOException {
    String external = request.path("external_task_id").asText(null);
    if (request.path("prompt").asText("").isBlank() && !route.contains("image2video")) {
      send(exchange, 400, "{\"code\":1201,\"message\":\"prompt is required\",\"request_id\":\"r\"}");
      return;
    }
    if (external != null && byExternal.containsKey(external)) {
      send(exchange, 400, "{\"code\":1201,\"message\":\"external_task_id already exists\",\"request_id\":\"r\"}");
      return;
    }
    Job job = new Job(route, external, request.path("callback_url").asText(null));
    answer(exchange, () -> {
      jobs.put(job.id, job);
      if (external != null) byExternal.put(external, job.id);
      jobCreated(external);
      callBack(job.id, job.callbackUrl, taskObject(job, "submitted").toString());
    }, () -> {
      ObjectNode root = JSON.createObjectNode().put("code", 0).put("message", "SUCCEED").put("request_id", "r");
      ObjectNode data = root.putObject("data").put("task_id", job.id).put("task_status", "submitted");
      data.putObject("task_info").put("external_task_id", external);
      data.put("created_at", job.createdAt.toEpochMilli()).put("updated_at", job.createdAt.toEpochMilli());
      return root.toString();
    });
  }

  private void read(HttpExchange exchange, String route, String id) throws IOException {
    Job job = jobs.get(id);
    if (job == null && byExternal.containsKey(id)) {
      job = jobs.get(byExternal.get(id));
    }
    if (job == null || !job.route.equals(route)) {
      send(exchange, 404, "{\"code\":1203,\"message\":\"task not found\",\"request_id\":\"r\"}");
      return;
    }
    Job found = job;
    answer(exchange, () -> {}, () -> {
      ObjectNode root = JSON.createObjectNode().put("code", 0).put("message", "SUCCEED").put("request_id", "r");
      root.set("data", taskObject(found, found.status()));
      return root.toString();
    });
  }

  private ObjectNode taskObject(Job job, String status) {
    ObjectNode data = JSON.createObjectNode().put("task_id", job.id).put("task_status", status);
    data.putObject("task_info").put("external_task_id", job.external);
    data.put("created_at", job.createdAt.toEpochMilli()).put("updated_at", clock.millis());
    if (status.equals("succeed")) {
      boolean video = job.route.startsWith("/v1/videos");
      if (job.file == null) {
        job.file = makeFile(job.id + (video ? ".mp4" : ".png"), video ? "video/mp4" : "image/png");
      }
      ObjectNode result = data.putObject("task_result");
      if (video) {
        result.putArray("videos").addObject().put("id", "v" + job.id).put("url", fileUrl(job.file)).put("duration", "5.0");
      } else {
        result.putArray("images").addObject().put("index", 0).put("url", fileUrl(job.file));
      }
      data.put("final_unit_deduction", "1");
    } else if (status.equals("failed")) {
      data.put("task_status_msg", "generation failed").put("final_unit_deduction", job.charged ? "1" : "0");
    }
    return data;
  }

  @Override
  public List<Integer> deliverCallbacks() {
    for (Job job : jobs.values()) {
      String status = job.status();
      if (!status.equals(job.lastStatus)) {
        job.lastStatus = status;
        callBack(job.id, job.callbackUrl, taskObject(job, status).toString());
      }
    }
    return super.deliverCallbacks();
  }

  /** Whether the job of our task was billed, when it failed. */
  public boolean chargedFailure(String taskId) {
    String id = byExternal.get(taskId);
    Job job = id == null ? null : jobs.get(id);
    return job != null && job.fails && job.charged;
  }
}
