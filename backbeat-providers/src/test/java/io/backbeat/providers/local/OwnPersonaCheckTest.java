package io.backbeat.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.core.persona.Persona;
import io.backbeat.core.provider.Step;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskIds;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnPersonaCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  static Task song(String account, String personaId) {
    SongSpec spec = new SongSpec("V4_5", new Composition(null, "[Verse]\nla", "T", "pop", false,
        new Shaping(null, null, null, null, null, personaId)), 240, "https://example.com/cb");
    return Task.queued(TaskIds.newId(), account, "key", "suno", "suno.test", LocalProvider.NAME, spec, JSON.createObjectNode(), T0);
  }

  static Persona persona(String id, String account) {
    return new Persona(id, account, "t1", "c1", "Nova", "alto", null, JSON.createObjectNode(), T0);
  }

  @Test
  void another_accounts_persona_fails_the_song_before_it_renders_and_the_callers_own_or_an_unknown_id_sings() throws Exception {
    Map<String, Persona> store = Map.of("persona_mine", persona("persona_mine", "acct-a"), "persona_theirs", persona("persona_theirs", "acct-b"));
    AtomicInteger rendered = new AtomicInteger();
    OwnPersonaCheck job = new OwnPersonaCheck((task, context) -> {
      rendered.incrementAndGet();
      return Step.succeed(JSON.createObjectNode());
    }, id -> Optional.ofNullable(store.get(id)));

    Step refused = job.run(song("acct-a", "persona_theirs"), null);
    assertThat(refused).isInstanceOf(Step.Fail.class);
    assertThat(((Step.Fail) refused).code()).isEqualTo(FailureCode.INVALID_INPUT);
    assertThat(((Step.Fail) refused).message()).contains("not a persona of yours");
    assertThat(rendered).as("nothing rendered for it").hasValue(0);

    assertThat(job.run(song("acct-a", "persona_mine"), null)).isNotInstanceOf(Step.Fail.class);
    assertThat(job.run(song("acct-a", "upstream-voice-7"), null)).isNotInstanceOf(Step.Fail.class);
    assertThat(job.run(song("acct-a", null), null)).isNotInstanceOf(Step.Fail.class);
    assertThat(rendered).hasValue(3);
  }
}
