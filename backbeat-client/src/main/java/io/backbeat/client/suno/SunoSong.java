package io.backbeat.client.suno;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code POST /suno/generate} request. Simple mode writes lyrics from {@code prompt} (an idea);
 * custom mode sings {@code prompt} (lyrics) with {@code title} and {@code style}.
 *
 * @param model {@code V4}, {@code V4_5}, {@code V4_5PLUS}, {@code V4_5ALL} or {@code V5}
 * @param callbackUrl where the signed {@code text}, {@code first} and {@code complete} callbacks go
 */
public record SunoSong(boolean customMode, boolean instrumental, String model, String prompt, String style, String title, String callbackUrl) {

  public static SunoSong simple(String idea, String model, String callbackUrl) {
    return new SunoSong(false, false, model, idea, null, null, callbackUrl);
  }

  public static SunoSong custom(String title, String style, String lyrics, String model, String callbackUrl) {
    return new SunoSong(true, false, model, lyrics, style, title, callbackUrl);
  }

  public SunoSong asInstrumental() {
    return new SunoSong(customMode, true, model, prompt, style, title, callbackUrl);
  }

  ObjectNode body() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("customMode", customMode).put("instrumental", instrumental).put("model", model).put("callBackUrl", callbackUrl);
    if (prompt != null) {
      body.put("prompt", prompt);
    }
    if (style != null) {
      body.put("style", style);
    }
    if (title != null) {
      body.put("title", title);
    }
    return body;
  }
}
