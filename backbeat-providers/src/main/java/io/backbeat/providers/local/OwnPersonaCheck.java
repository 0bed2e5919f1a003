package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.persona.Persona;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.AddInstrumentalSpec;
import io.backbeat.core.task.spec.AddVocalsSpec;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.ExtendSpec;
import io.backbeat.core.task.spec.ReplaceSectionSpec;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.UploadCoverSpec;
import io.backbeat.core.task.spec.UploadExtendSpec;
import java.util.Optional;
import java.util.function.Function;

/**
 * A music job that sings with a persona only if the persona is the caller's: one of another
 * account (local or relayed, both in our persona store) fails the task before anything renders.
 * An id our store does not hold is left to the job (the studio seeds a voice from it).
 */
public final class OwnPersonaCheck implements LocalJob {
  private final LocalJob job;
  private final Function<String, Optional<Persona>> personas;

  public OwnPersonaCheck(LocalJob job, Function<String, Optional<Persona>> personas) {
    this.job = requireNonNull(job, "job is null");
    this.personas = requireNonNull(personas, "personas is null");
  }

  @Override
  public Step run(Task task, TaskContext context) throws Exception {
    Optional<String> named = named(task.spec());
    if (named.isPresent() && personas.apply(named.get()).filter(p -> !p.accountId().equals(task.accountId())).isPresent()) {
      return Step.fail(FailureCode.INVALID_INPUT, notYours(named.get()));
    }
    return job.run(task, context);
  }

  /** The failure message; it does not tell whether the persona exists for someone else. */
  public static String notYours(String personaId) {
    return "personaId " + personaId + " is not a persona of yours";
  }

  /** The persona id a music spec sings with, if any. */
  public static Optional<String> named(TaskSpec spec) {
    Composition c =
        switch (spec) {
          case SongSpec s -> s.composition();
          case ExtendSpec s -> s.composition();
          case UploadCoverSpec s -> s.composition();
          case UploadExtendSpec s -> s.composition();
          case AddVocalsSpec s -> s.composition();
          case AddInstrumentalSpec s -> s.composition();
          case ReplaceSectionSpec s -> s.composition();
          default -> null;
        };
    if (c == null || c.shaping() == null || c.shaping().personaId() == null || c.shaping().personaId().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(c.shaping().personaId().strip());
  }
}
