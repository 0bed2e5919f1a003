package io.backbeat.server.dialect.suno;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.persona.PersonaService;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.PersonaSpec;
import io.backbeat.server.http.Auth;
import io.backbeat.server.http.Fields;
import io.backbeat.server.http.Json;
import io.backbeat.server.http.ParsedTask;
import io.backbeat.server.http.TaskCreation;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * {@code POST /suno/generate-persona} (contract-music.md §2.12), synchronous: keeps the singer of a
 * finished track of the caller's as a persona whose {@code personaId} later songs name. Required:
 * {@code taskId}, {@code audioId}, {@code name}, {@code description}; optional {@code vocalStart},
 * {@code vocalEnd} (a 10–30 s window, default the first 30 s) and {@code style}. One persona per
 * track: a second answers 409 "Persona already exists for this music".
 */
final class SunoPersona {
  static final String FAMILY = "suno.persona";
  static final String ALREADY_EXISTS = "Persona already exists for this music";
  static final int NAME_MAX = 100;
  static final int DESCRIPTION_MAX = 1000;

  private final SunoDialect dialect;
  private final SunoSources sources;
  private final PersonaService personas;

  SunoPersona(SunoDialect dialect, SunoSources sources, PersonaService personas) {
    this.dialect = dialect;
    this.sources = sources;
    this.personas = personas;
  }

  ParsedTask parse(Context ctx) {
    ObjectNode body = Json.parseObject(ctx.body());
    String taskId = Fields.requiredString(body, "taskId").strip();
    String audioId = Fields.requiredString(body, "audioId").strip();
    String name = Fields.requiredString(body, "name").strip();
    String description = Fields.requiredString(body, "description").strip();
    if (name.length() > NAME_MAX) {
      throw BackbeatException.tooLong("name is too long: at most " + NAME_MAX + " characters");
    }
    if (description.length() > DESCRIPTION_MAX) {
      throw BackbeatException.tooLong("description is too long: at most " + DESCRIPTION_MAX + " characters");
    }
    String style = Fields.optionalString(body, "style");
    Double start = seconds(body, "vocalStart");
    Double end = seconds(body, "vocalEnd");
    double from = start == null ? 0 : start;
    double to = end == null ? from + 30 : end;
    if (to - from < 10 - 1e-9 || to - from > 30 + 1e-9) {
      throw BackbeatException.invalid(String.format(Locale.ROOT, "vocalEnd - vocalStart must be 10 to 30 seconds, not %.2f", to - from));
    }
    SunoSources.Source source = sources.of(Auth.principal(ctx), taskId, audioId);
    // a kept persona answers at once; one still being made is refused by its claim at create
    if (personas.bySource(Auth.principal(ctx).accountId(), source.audioId()).isPresent()) {
      throw new BackbeatException(BackbeatError.ALREADY_EXISTS, ALREADY_EXISTS);
    }
    double length = source.durationSeconds();
    if (!Double.isNaN(length) && from >= length) {
      throw BackbeatException.invalid(String.format(Locale.ROOT, "vocalStart must be inside the track (%.2f s)", length));
    }
    return new ParsedTask(
        new PersonaSpec(new ClipRef(source.task().id(), source.audioId()), name, description, start, end, style == null || style.isBlank() ? null : style.strip()),
        dialect.originalPayload(body))
        // one persona per track: the store refuses a second in the create's transaction
        .whenClaimed(existing -> new BackbeatException(BackbeatError.ALREADY_EXISTS, ALREADY_EXISTS));
  }

  /** {@code data}: {@code personaId}, {@code name}, {@code description}. */
  TaskCreation.Response answer(Task task) {
    if (task.status() != TaskStatus.SUCCEEDED) {
      if (task.status() == TaskStatus.FAILED && ALREADY_EXISTS.equals(task.errorMessage())) {
        return dialect.errorAnswer(409, task.errorMessage());
      }
      return dialect.failedAnswer(task);
    }
    JsonNode result = task.result();
    ObjectNode data = Json.object();
    data.put("personaId", result.path("personaId").asText());
    data.put("name", result.path("name").asText());
    data.put("description", result.path("description").asText());
    return new TaskCreation.Response(200, dialect.successBody(data));
  }

  private static Double seconds(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || node.asDouble() < 0) {
      throw BackbeatException.invalid(field + " must be a number of seconds, at least 0");
    }
    return Math.round(node.asDouble() * 100) / 100.0;
  }
}
