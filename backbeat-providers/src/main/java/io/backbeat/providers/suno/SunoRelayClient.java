package io.backbeat.providers.suno;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.JsonResponse;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.providers.relay.Lookup;
import io.backbeat.providers.relay.Probe;
import io.backbeat.providers.relay.Progress;
import io.backbeat.providers.relay.Reconciling;
import io.backbeat.providers.relay.RelayJob;
import io.backbeat.providers.relay.Submission;
import io.backbeat.providers.relay.UpstreamCalls;
import io.backbeat.providers.relay.UpstreamClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;

/**
 * The Suno-compatible upstreams (sunoapi.org's {@code /api/v1/*}, AnyInt's {@code /suno/*}): every
 * music route. Answers are {@code {code, msg, data}} envelopes whose {@code code} is the verdict
 * (often with HTTP 200). Our callback URL goes in {@code callBackUrl}; since these upstreams cannot
 * be asked "do you have a job for reference X", a submit whose answer was lost is found through
 * the callback that URL receives (its body names the upstream's task id), confirmed by a fetch.
 */
public final class SunoRelayClient implements UpstreamClient {
  /** Answers that refuse the request itself: every channel would refuse it too. */
  private static final Set<Integer> REJECTIONS = Set.of(400, 409, 413, 422, 451);

  private final SunoFamily family;
  private final EgressHttpClient http;
  private final InstantSource clock;

  /** @param http bound to the channel: API root as base URL, its bearer key and rate limit */
  public SunoRelayClient(SunoFamily family, EgressHttpClient http, InstantSource clock) {
    this.family = requireNonNull(family, "family is null");
    this.http = requireNonNull(http, "http is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public boolean supports(TaskSpec spec) {
    return spec.kind() != TaskKind.IMAGE && spec.kind() != TaskKind.VIDEO;
  }

  @Override
  public Submission submit(RelayJob job) {
    TaskKind kind = job.spec().kind();
    String path = family.createPath(job.spec());
    return UpstreamCalls.submit(() -> http.postJson(path, SunoRelayRequests.body(job)), clock.instant(), response -> interpretCreate(kind, response));
  }

  private Submission interpretCreate(TaskKind kind, JsonResponse response) {
    JsonNode body = response.body();
    if (!body.isObject() || !body.has("code")) {
      // a 2xx we cannot read may have created the job; any other status refused it
      return response.isSuccessful()
          ? new Submission.Unknown("the upstream answered HTTP " + response.status() + " with a body that is not a Suno envelope")
          : new Submission.Refused("the upstream answered HTTP " + response.status(), null);
    }
    int code = body.path("code").asInt();
    String msg = body.path("msg").asText("");
    JsonNode data = body.path("data");
    String taskId = data.isObject() ? UpstreamCalls.text(data, "taskId") : null;
    if (code == 200) {
      if (SunoFamily.synchronous(kind)) {
        if (!data.isObject()) {
          return new Submission.Unknown("the upstream answered success without a result");
        }
        String id = kind == TaskKind.PERSONA ? UpstreamCalls.text(data, "personaId") : taskId;
        return new Submission.Answered(id == null ? "sync" : id, data);
      }
      return taskId == null ? new Submission.Unknown("the upstream answered success without a task id") : new Submission.Accepted(taskId);
    }
    if (kind == TaskKind.COVER_ART && code == 400 && taskId != null) {
      // "cover already generated for this task": the existing job is ours to read
      return new Submission.Accepted(taskId);
    }
    String why = "the upstream answered code " + code + (msg.isBlank() ? "" : ": " + msg);
    if (REJECTIONS.contains(code)) {
      return new Submission.Rejected(code == 451 ? FailureCode.DOWNLOAD_FAILED : FailureCode.INVALID_INPUT, why);
    }
    // 401/402/404/405/429/430/455/5xx: this channel did not take the job (no task id was given)
    return new Submission.Refused(why, response.retryAfter(clock.instant()).orElse(null));
  }

  @Override
  public Progress poll(RelayJob job, String upstreamId) {
    String path = family.queryPath(job.spec().kind()) + "?taskId=" + URLEncoder.encode(upstreamId, StandardCharsets.UTF_8);
    return UpstreamCalls.poll(() -> http.getJson(path), clock.instant(), response -> interpretRecord(job, upstreamId, response));
  }

  private Progress interpretRecord(RelayJob job, String upstreamId, JsonResponse response) {
    JsonNode body = response.body();
    if (response.status() == 404) {
      return new Progress.Missing("the upstream has no job " + upstreamId, io.backbeat.core.billing.Settlement.CHARGE);
    }
    if (!body.isObject() || !body.has("code")) {
      return new Progress.Unreachable("the upstream answered HTTP " + response.status() + " with a body that is not a Suno envelope", null);
    }
    int code = body.path("code").asInt();
    JsonNode data = body.path("data");
    if (code == 404 || (code == 200 && !data.isObject())) {
      // it accepted the job once: it may have billed it even if it forgot it
      return new Progress.Missing("the upstream has no job " + upstreamId, io.backbeat.core.billing.Settlement.CHARGE);
    }
    if (code != 200) {
      return new Progress.Unreachable("the upstream answered code " + code + " " + body.path("msg").asText(""),
          response.retryAfter(clock.instant()).orElse(null));
    }
    return SunoRelayResults.read(job, data);
  }

  @Override
  public Progress interpret(RelayJob job, JsonNode answer) {
    return switch (job.spec().kind()) {
      case TIMESTAMPED_LYRICS -> SunoRelayResults.timestampedLyrics(answer);
      case STYLE -> SunoRelayResults.styleBoost(answer);
      case PERSONA -> SunoRelayResults.persona(answer);
      default -> throw new UnsupportedOperationException(job.spec().kind() + " is not answered synchronously");
    };
  }

  /**
   * A lost submit is found by the upstream id an authenticated callback named, confirmed by reading
   * that job. Timestamped lyrics are a read, so asking again is harmless; style and persona calls are
   * answered once and cannot be looked up.
   */
  @Override
  public Lookup reconcile(RelayJob job, Reconciling reconciling) {
    TaskKind kind = job.spec().kind();
    if (kind == TaskKind.TIMESTAMPED_LYRICS) {
      return new Lookup.Absent("timestamped lyrics are a read; asking again is harmless");
    }
    if (SunoFamily.synchronous(kind)) {
      return new Lookup.Unresolvable("the answer to the synchronous " + kind + " call was lost and cannot be looked up");
    }
    String lastProblem = null;
    for (String candidate : reconciling.callbackUpstreamIds()) {
      if (reconciling.takenByAnotherTask().test(candidate)) {
        continue;
      }
      Progress found = poll(job, candidate);
      switch (found) {
        case Progress.Missing m -> lastProblem = m.reason();
        case Progress.Unreachable u -> {
          return new Lookup.Undecided("could not confirm job " + candidate + ": " + u.reason());
        }
        default -> {
          return new Lookup.Found(candidate);
        }
      }
    }
    return new Lookup.Undecided(lastProblem != null ? lastProblem : "no callback from the upstream names the job yet");
  }

  /** Suno callbacks carry the upstream's task id as {@code data.task_id} (music, WAV, stems, MP4) or {@code data.taskId} (lyrics, cover art). */
  @Override
  public Optional<String> upstreamIdOf(JsonNode body) {
    JsonNode data = body.path("data");
    String id = UpstreamCalls.text(data, "task_id");
    if (id == null) {
      id = UpstreamCalls.text(data, "taskId");
    }
    return Optional.ofNullable(id);
  }

  /** sunoapi.org: the remaining credits (free); AnyInt: a query for a job that does not exist (free). */
  @Override
  public Probe probe() {
    String path = family == SunoFamily.SUNOAPI ? "/generate/credit" : family.queryPath(TaskKind.SONG) + "?taskId=backbeat-probe";
    long started = System.nanoTime();
    UpstreamCalls.Result result = UpstreamCalls.read(() -> http.getJson(path));
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (!result.answered()) {
      return new Probe(false, null, 0, millis, result.failure());
    }
    JsonResponse response = result.response();
    int code = response.body().path("code").asInt(response.status());
    if (response.status() == 401 || response.status() == 403 || code == 401) {
      return new Probe(true, false, response.status(), millis, "the upstream refused the API key");
    }
    if (family == SunoFamily.SUNOAPI && code == 200) {
      return new Probe(true, true, response.status(), millis, "credits left: " + response.body().path("data").asText("?"));
    }
    return new Probe(true, response.status() < 500 ? Boolean.TRUE : null, response.status(), millis, "answered code " + code);
  }
}
