package io.backbeat.core.task.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.testkit.TestSpecs;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaskSpecJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void every_kind_round_trips_through_its_stored_form() {
    for (TaskSpec spec : TestSpecs.everyKind()) {
      ObjectNode stored = TaskSpecJson.write(spec);
      assertThat(stored.path("v").asInt()).isEqualTo(TaskSpecJson.VERSION);
      assertThat(TaskSpecJson.read(stored, spec.kind())).as(stored.toString()).isEqualTo(spec);
    }
  }

  @Test
  void the_test_specs_cover_every_kind_that_a_spec_can_have() {
    Set<TaskKind> covered = TestSpecs.everyKind().stream().map(TaskSpec::kind).collect(Collectors.toSet());
    assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(TaskKind.class));
  }

  @Test
  void the_stored_form_names_its_type_and_leaves_out_unset_fields() throws Exception {
    ObjectNode stored = TaskSpecJson.write(TestSpecs.song("rain"));
    assertThat(stored.toString())
        .isEqualTo(
            "{\"v\":1,\"type\":\"song\",\"model\":\"V5\",\"composition\":{\"prompt\":\"rain\",\"instrumental\":false,"
                + "\"shaping\":{}},\"maxLengthSeconds\":480,\"callbackUrl\":\"https://example.com/callback\"}");
  }

  @Test
  void an_empty_object_is_a_spec_that_retention_purged() {
    assertThat(TaskSpecJson.read(MAPPER.createObjectNode(), TaskKind.SONG)).isEqualTo(new PurgedSpec(TaskKind.SONG));
  }

  @Test
  void unknown_fields_from_a_newer_release_are_ignored_but_a_newer_version_is_refused() throws Exception {
    ObjectNode stored = TaskSpecJson.write(TestSpecs.lyrics("rain"));
    stored.put("addedLater", true);
    assertThat(TaskSpecJson.read(stored, TaskKind.LYRICS)).isEqualTo(TestSpecs.lyrics("rain"));

    stored.put("v", TaskSpecJson.VERSION + 1);
    assertThatThrownBy(() -> TaskSpecJson.read(stored, TaskKind.LYRICS)).hasMessageContaining("newer than this release");
  }

  @Test
  void an_unversioned_or_unknown_type_is_refused_with_a_reason() throws Exception {
    assertThatThrownBy(() -> TaskSpecJson.read(MAPPER.readTree("{\"prompt\":\"x\"}"), TaskKind.LYRICS))
        .hasMessageContaining("no version");
    assertThatThrownBy(() -> TaskSpecJson.read(MAPPER.readTree("{\"v\":1,\"type\":\"hologram\"}"), TaskKind.LYRICS))
        .hasMessageContaining("unreadable");
  }

  @Test
  void moderated_texts_are_the_human_written_fields_only() {
    SongSpec custom = new SongSpec("V4", TestSpecs.customComposition(), 240, TestSpecs.CALLBACK);
    assertThat(custom.moderatedTexts())
        .containsOnlyKeys("lyrics", "title", "style", "excludedStyles")
        .containsEntry("title", "Night Drive");
    assertThat(TestSpecs.song("about rain").moderatedTexts()).containsExactly(java.util.Map.entry("prompt", "about rain"));
    WavSpec wav = new WavSpec(new ClipRef("t", "c"), TestSpecs.CALLBACK);
    assertThat(wav.moderatedTexts()).isEmpty();
  }

  @Test
  void values_out_of_range_are_refused_by_the_spec_itself() {
    assertThatThrownBy(() -> new Shaping(null, null, 1.5, null, null, null)).hasMessageContaining("styleWeight");
    assertThatThrownBy(() -> new SongSpec("", TestSpecs.customComposition(), 240, null)).hasMessageContaining("model");
  }
}
