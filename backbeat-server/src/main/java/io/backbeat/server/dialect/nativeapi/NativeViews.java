package io.backbeat.server.dialect.nativeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.billing.LedgerEntry;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.TaskSpecJson;
import io.backbeat.core.webhook.DeliveryAttempt;
import io.backbeat.core.webhook.WebhookDelivery;
import io.backbeat.server.http.AssetUrls;
import io.backbeat.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON views of the native API: camelCase, ISO-8601 times, asset keys turned into URLs. */
final class NativeViews {
  /** Result fields that hold asset keys. */
  private static final Set<String> ASSET_FIELDS = Set.of("audio", "image", "words", "video", "wav");
  private static final int EXCERPT_CHARS = 120;

  private NativeViews() {}

  static ObjectNode taskSummary(Task task, AssetUrls urls) {
    ObjectNode view = Json.object();
    view.put("id", task.id());
    view.put("kind", task.kind().name());
    view.put("dialect", task.dialect());
    view.put("route", task.route());
    view.put("provider", task.provider());
    view.put("model", task.spec().model());
    view.put("promptExcerpt", excerpt(task.spec().moderatedTexts()));
    view.put("status", task.status().dbValue());
    view.put("stage", task.stage().dbValue());
    if (task.errorCode() != null) {
      view.putObject("error").put("code", task.errorCode()).put("message", task.errorMessage());
    } else {
      view.putNull("error");
    }
    view.put("attempts", task.attempts());
    time(view, "createdAt", task.createdAt());
    time(view, "updatedAt", task.updatedAt());
    time(view, "finishedAt", task.finishedAt());
    return view;
  }

  static ObjectNode taskDetail(Task task, List<TaskEvent> timeline, List<WebhookDelivery> deliveries, AssetUrls urls) {
    ObjectNode view = taskSummary(task, urls);
    // the canonical spec as stored: {"v":1,"type":…}; payloads are scrubbed of credentials at create
    view.set("request", TaskSpecJson.write(task.spec()));
    // the body as the client sent it, for the dashboard's "request as sent" (also scrubbed)
    view.set("originalPayload", task.originalPayload());
    view.set("result", task.result() == null ? null : withUrls(task.result().deepCopy(), urls));
    view.put("callbackUrl", task.callbackUrl());
    // a relayed task names its upstream channel and the id the upstream gave it (null when run here)
    view.put("channel", task.handle().channel());
    view.put("upstreamId", task.handle().upstreamId());
    ArrayNode events = view.putArray("timeline");
    for (TaskEvent event : timeline) {
      events.add(event(event));
    }
    view.set("deliveries", deliveries(deliveries));
    return view;
  }

  /** A task's deliveries as its detail view shows them (the view's last field). */
  static ArrayNode deliveries(List<WebhookDelivery> deliveries) {
    ArrayNode sent = Json.MAPPER.createArrayNode();
    for (WebhookDelivery delivery : deliveries) {
      sent.add(delivery(delivery, null));
    }
    return sent;
  }

  /** The tail of a detail view rendered with no deliveries: where {@link #detailHead} cuts. */
  private static final byte[] EMPTY_DELIVERIES_TAIL = "\"deliveries\":[]}".getBytes(StandardCharsets.UTF_8);

  /**
   * The bytes of {@code detail} (rendered with no deliveries) up to and including
   * {@code "deliveries":}, to be followed by a deliveries array and {@code }}; null if it does not
   * end that way.
   */
  static byte[] detailHead(ObjectNode detail) {
    byte[] whole = Json.write(detail).getBytes(StandardCharsets.UTF_8);
    int cut = whole.length - 3; // "[]}"
    if (cut < 0 || !java.util.Arrays.equals(whole, whole.length - EMPTY_DELIVERIES_TAIL.length, whole.length, EMPTY_DELIVERIES_TAIL, 0, EMPTY_DELIVERIES_TAIL.length)) {
      return null;
    }
    return java.util.Arrays.copyOf(whole, cut);
  }

  static ObjectNode event(TaskEvent event) {
    ObjectNode view = Json.object();
    view.put("seq", event.seq());
    view.put("taskId", event.taskId());
    view.put("status", event.status().dbValue());
    view.put("stage", event.stage().dbValue());
    view.put("reason", event.reason());
    time(view, "at", event.at());
    return view;
  }

  static ObjectNode delivery(WebhookDelivery delivery, List<DeliveryAttempt> attempts) {
    ObjectNode view = Json.object();
    view.put("id", delivery.id());
    view.put("taskId", delivery.taskId());
    view.put("eventType", delivery.eventType());
    view.put("url", io.backbeat.core.http.Redaction.url(delivery.url()));
    view.put("state", delivery.state().dbValue());
    view.put("attempts", delivery.attempts());
    if (delivery.lastStatus() != null) {
      view.put("lastStatus", delivery.lastStatus());
    } else {
      view.putNull("lastStatus");
    }
    time(view, "createdAt", delivery.createdAt());
    time(view, "nextAttemptAt", delivery.state() == WebhookDelivery.State.PENDING ? delivery.nextAttemptAt() : null);
    time(view, "deliveredAt", delivery.deliveredAt());
    if (attempts != null) {
      ArrayNode log = view.putArray("attemptLog");
      for (DeliveryAttempt attempt : attempts) {
        ObjectNode a = log.addObject();
        a.put("attempt", attempt.attemptNo());
        time(a, "at", attempt.at());
        if (attempt.statusCode() != null) {
          a.put("status", attempt.statusCode());
        } else {
          a.putNull("status");
        }
        a.put("latencyMs", attempt.latencyMillis());
        a.put("responseExcerpt", attempt.responseExcerpt());
        a.put("error", attempt.error());
      }
    }
    return view;
  }

  static ObjectNode ledger(LedgerEntry entry) {
    ObjectNode view = Json.object();
    view.put("id", entry.id());
    view.put("kind", entry.kind().dbValue());
    view.put("amount", entry.amount());
    view.put("balanceAfter", entry.balanceAfter());
    view.put("taskId", entry.taskId());
    time(view, "createdAt", entry.createdAt());
    return view;
  }

  /** Replaces asset keys by URLs, recursively ({@code stems} maps part names to keys). */
  static JsonNode withUrls(JsonNode node, AssetUrls urls) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new java.util.ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> field : fields) {
        JsonNode value = field.getValue();
        if (ASSET_FIELDS.contains(field.getKey()) && value.isTextual()) {
          object.put(field.getKey() + "Url", urls.url(value.asText()));
        } else if (field.getKey().equals("stems") && value.isObject()) {
          ObjectNode stemUrls = Json.object();
          value.fields().forEachRemaining(s -> stemUrls.put(s.getKey(), urls.url(s.getValue().asText())));
          object.set("stemUrls", stemUrls);
        } else {
          withUrls(value, urls);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> withUrls(child, urls));
    }
    return node;
  }

  /** The first characters of what the task was asked for (prompt, else lyrics, style or title), on one line. */
  static String excerpt(Map<String, String> texts) {
    for (String field : List.of("prompt", "lyrics", "style", "title")) {
      String text = texts.getOrDefault(field, "").strip();
      if (!text.isEmpty()) {
        String folded = text.replaceAll("\\s+", " ");
        return folded.length() <= EXCERPT_CHARS ? folded : folded.substring(0, EXCERPT_CHARS - 1) + "…";
      }
    }
    return null;
  }

  static void time(ObjectNode view, String field, Instant at) {
    if (at == null) {
      view.putNull(field);
    } else {
      view.put(field, at.toString());
    }
  }
}
