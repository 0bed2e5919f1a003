package io.backbeat.server.dialect.suno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.VocalGender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every validation rule and per-model limit of POST /suno/generate (contract-music.md §2.1, §5.2). */
class SunoGenerateValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode body(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static ObjectNode custom(String model) throws Exception {
    return body("{\"customMode\":true,\"instrumental\":false,\"model\":\"" + model + "\",\"prompt\":\"[Verse]\\nla la\",\"style\":\"pop\",\"title\":\"T\",\"callBackUrl\":\"https://x.test/cb\"}");
  }

  private static SongSpec validate(ObjectNode body) {
    return SunoGenerate.validate(body, "https://x.test/cb");
  }

  private static void assertRefused(ObjectNode body, BackbeatError error, String messagePart) {
    assertThatThrownBy(() -> validate(body))
        .isInstanceOf(BackbeatException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((BackbeatException) e).error())
        .isEqualTo(error);
  }

  @Test
  void simple_mode_needs_only_a_prompt_and_normalizes_the_request() throws Exception {
    SongSpec song = validate(body("{\"customMode\":false,\"instrumental\":false,\"model\":\"V4\",\"prompt\":\"  a calm song  \"}"));
    assertThat(song.composition().prompt()).isEqualTo("a calm song");
    assertThat(song.composition().callerWritten()).isFalse();
    assertThat(song.maxLengthSeconds()).isEqualTo(240);
    assertThat(song.composition().style()).isNull();
    assertThat(song.model()).isEqualTo("V4");
    assertThat(validate(body("{\"customMode\":false,\"instrumental\":true,\"model\":\"V5\",\"prompt\":\"x\"}")).maxLengthSeconds())
        .isEqualTo(480);
  }

  @Test
  void custom_mode_sings_the_prompt_as_lyrics_with_the_callers_title_and_style() throws Exception {
    SongSpec song = validate(custom("V5"));
    assertThat(song.composition().callerWritten()).isTrue();
    assertThat(song.composition().lyrics()).isEqualTo("[Verse]\nla la");
    assertThat(song.composition().title()).isEqualTo("T");
    assertThat(song.composition().style()).isEqualTo("pop");
    assertThat(song.composition().prompt()).isNull();
  }

  @Test
  void required_booleans_and_model_are_checked() throws Exception {
    assertRefused(body("{\"instrumental\":false,\"model\":\"V4\",\"prompt\":\"x\"}"), BackbeatError.INVALID_PARAMETER, "customMode is required");
    assertRefused(body("{\"customMode\":false,\"model\":\"V4\",\"prompt\":\"x\"}"), BackbeatError.INVALID_PARAMETER, "instrumental is required");
    assertRefused(body("{\"customMode\":\"no\",\"instrumental\":false,\"model\":\"V4\",\"prompt\":\"x\"}"), BackbeatError.INVALID_PARAMETER, "customMode must be true or false");
    assertRefused(body("{\"customMode\":false,\"instrumental\":false,\"prompt\":\"x\"}"), BackbeatError.INVALID_PARAMETER, "model is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"V4.5", "v5", "V3_5", "V5_5", ""})
  void model_must_be_spelled_exactly(String model) throws Exception {
    assertRefused(
        body("{\"customMode\":false,\"instrumental\":false,\"model\":\"" + model + "\",\"prompt\":\"x\"}"),
        BackbeatError.INVALID_PARAMETER, "model must be one of V4, V4_5, V4_5PLUS, V4_5ALL, V5");
  }

  @Test
  void simple_mode_prompt_is_required_and_at_most_500_characters() throws Exception {
    assertRefused(body("{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\"}"), BackbeatError.INVALID_PARAMETER, "prompt is required");
    validate(body("{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\",\"prompt\":\"" + "a".repeat(500) + "\"}"));
    assertRefused(
        body("{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\",\"prompt\":\"" + "a".repeat(501) + "\"}"),
        BackbeatError.TOO_LONG, "at most 500");
  }

  @Test
  void custom_mode_requires_style_title_and_lyrics_with_vocals() throws Exception {
    ObjectNode noStyle = custom("V5");
    noStyle.remove("style");
    assertRefused(noStyle, BackbeatError.INVALID_PARAMETER, "style is required");
    ObjectNode noTitle = custom("V5");
    noTitle.remove("title");
    assertRefused(noTitle, BackbeatError.INVALID_PARAMETER, "title is required");
    ObjectNode noLyrics = custom("V5");
    noLyrics.remove("prompt");
    assertRefused(noLyrics, BackbeatError.INVALID_PARAMETER, "prompt is required in custom mode with vocals");
    ObjectNode instrumental = custom("V5");
    instrumental.remove("prompt");
    instrumental.put("instrumental", true);
    SongSpec song = validate(instrumental);
    assertThat(song.composition().instrumental()).isTrue();
    assertThat(song.composition().lyrics()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "V4, prompt, 3000", "V4_5, prompt, 5000", "V4_5PLUS, prompt, 5000", "V4_5ALL, prompt, 5000", "V5, prompt, 5000",
    "V4, style, 200", "V4_5, style, 1000", "V4_5PLUS, style, 1000", "V4_5ALL, style, 1000", "V5, style, 1000",
    "V4, title, 80", "V4_5, title, 100", "V4_5PLUS, title, 100", "V4_5ALL, title, 80", "V5, title, 100"
  })
  void per_model_limits_accept_the_maximum_and_refuse_one_more_with_413(String model, String field, int max) throws Exception {
    ObjectNode atMax = custom(model);
    atMax.put(field, "x".repeat(max));
    validate(atMax);
    ObjectNode over = custom(model);
    over.put(field, "x".repeat(max + 1));
    assertRefused(over, BackbeatError.TOO_LONG, "allows at most " + max);
  }

  @Test
  void optional_fields_are_typed_and_ranged() throws Exception {
    ObjectNode good = custom("V5");
    good.put("negativeTags", "Heavy Metal").put("vocalGender", "f").put("styleWeight", 0.65).put("weirdnessConstraint", 0).put("audioWeight", 1).put("personaId", "p-1");
    Shaping shaping = validate(good).composition().shaping();
    assertThat(shaping).isEqualTo(new Shaping("Heavy Metal", VocalGender.FEMALE, 0.65, 0.0, 1.0, "p-1"));

    ObjectNode gender = custom("V5");
    gender.put("vocalGender", "x");
    assertRefused(gender, BackbeatError.INVALID_PARAMETER, "vocalGender must be 'm' or 'f'");
    ObjectNode weight = custom("V5");
    weight.put("styleWeight", 1.5);
    assertRefused(weight, BackbeatError.INVALID_PARAMETER, "styleWeight must be between 0 and 1");
    ObjectNode step = custom("V5");
    step.put("audioWeight", 0.123);
    assertRefused(step, BackbeatError.INVALID_PARAMETER, "audioWeight must be a multiple of 0.01");
    ObjectNode text = custom("V5");
    text.put("weirdnessConstraint", "high");
    assertRefused(text, BackbeatError.INVALID_PARAMETER, "weirdnessConstraint must be a number");
  }

  @Test
  void persona_is_only_honoured_in_custom_mode() throws Exception {
    SongSpec simple = validate(body("{\"customMode\":false,\"instrumental\":false,\"model\":\"V5\",\"prompt\":\"x\",\"personaId\":\"p\"}"));
    assertThat(simple.composition().shaping().personaId()).isNull();
  }
}
