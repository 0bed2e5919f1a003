package io.backbeat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.TaskVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FinishedAnswersTest {
  private static final Instant T0 = Instant.parse("2026-12-02T05:00:00Z");

  private static TaskVersion version(String id, TaskStatus status, Instant updatedAt, Instant purgedAt) {
    return new TaskVersion(id, "suno.lyrics", status, updatedAt, purgedAt);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void a_finished_answer_is_found_for_exactly_the_version_it_was_rendered_for() {
    FinishedAnswers answers = new FinishedAnswers();
    TaskVersion succeeded = version("a", TaskStatus.SUCCEEDED, T0, null);
    answers.remember(succeeded, bytes("done"));

    assertThat(answers.find(version("a", TaskStatus.SUCCEEDED, T0, null))).isEqualTo(bytes("done"));
    // a purge leaves updated_at alone but moves the version
    assertThat(answers.find(version("a", TaskStatus.SUCCEEDED, T0, T0.plusSeconds(60)))).isNull();
    assertThat(answers.find(version("a", TaskStatus.SUCCEEDED, T0.plusMillis(1), null))).isNull();
    assertThat(answers.find(version("b", TaskStatus.SUCCEEDED, T0, null))).isNull();
  }

  @Test
  void a_newer_version_replaces_the_answer() {
    FinishedAnswers answers = new FinishedAnswers();
    answers.remember(version("a", TaskStatus.SUCCEEDED, T0, null), bytes("before"));
    answers.remember(version("a", TaskStatus.SUCCEEDED, T0, T0.plusSeconds(60)), bytes("purged"));

    assertThat(answers.find(version("a", TaskStatus.SUCCEEDED, T0, T0.plusSeconds(60)))).isEqualTo(bytes("purged"));
    assertThat(answers.find(version("a", TaskStatus.SUCCEEDED, T0, null))).isNull();
    assertThat(answers.size()).isEqualTo(1);
  }

  @Test
  void unfinished_tasks_are_never_remembered() {
    FinishedAnswers answers = new FinishedAnswers();
    for (TaskStatus status : new TaskStatus[] {TaskStatus.QUEUED, TaskStatus.RUNNING}) {
      answers.remember(version("a", status, T0, null), bytes("pending"));
      assertThat(answers.find(version("a", status, T0, null))).isNull();
    }
    for (TaskStatus status : new TaskStatus[] {TaskStatus.FAILED, TaskStatus.CANCELED}) {
      answers.remember(version(status.name(), status, T0, null), bytes("ended"));
      assertThat(answers.find(version(status.name(), status, T0, null))).isEqualTo(bytes("ended"));
    }
  }

  @Test
  void memory_is_bounded_by_emptying_the_map_when_full() {
    FinishedAnswers answers = new FinishedAnswers(10);
    answers.remember(version("a", TaskStatus.SUCCEEDED, T0, null), bytes("12345"));
    answers.remember(version("b", TaskStatus.SUCCEEDED, T0, null), bytes("12345"));
    assertThat(answers.size()).isEqualTo(2);

    answers.remember(version("c", TaskStatus.SUCCEEDED, T0, null), bytes("123"));

    assertThat(answers.size()).isEqualTo(1);
    assertThat(answers.find(version("c", TaskStatus.SUCCEEDED, T0, null))).isEqualTo(bytes("123"));
    assertThat(answers.find(version("a", TaskStatus.SUCCEEDED, T0, null))).isNull();
  }
}
