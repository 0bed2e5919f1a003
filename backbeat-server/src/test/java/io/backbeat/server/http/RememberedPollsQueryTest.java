package io.backbeat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which queries the fast path reads a task id from; every other one is left to Javalin's parsing. */
class RememberedPollsQueryTest {

  @Test
  void reads_the_first_task_id_of_a_plain_query() {
    assertThat(RememberedPolls.taskId("taskId=abc")).isEqualTo("abc");
    assertThat(RememberedPolls.taskId("x=1&taskId=abc&taskId=def")).isEqualTo("abc");
    assertThat(RememberedPolls.taskId("taskIdx=1&taskId=abc")).isEqualTo("abc");
    assertThat(RememberedPolls.taskId("taskId=a=b")).isEqualTo("a=b");
  }

  @Test
  void leaves_encoded_missing_and_blank_ids_to_javalin() {
    assertThat(RememberedPolls.taskId(null)).isNull();
    assertThat(RememberedPolls.taskId("")).isNull();
    assertThat(RememberedPolls.taskId("taskId=")).isNull();
    assertThat(RememberedPolls.taskId("taskId")).isNull();
    assertThat(RememberedPolls.taskId("taskId&taskId=abc")).isNull();
    assertThat(RememberedPolls.taskId("taskId=ab%63")).isNull();
    assertThat(RememberedPolls.taskId("task%49d=abc")).isNull();
    assertThat(RememberedPolls.taskId("taskId=a+b")).isNull();
    assertThat(RememberedPolls.taskId("other=1")).isNull();
    assertThat(RememberedPolls.taskId("TASKID=abc")).isNull();
  }
}
