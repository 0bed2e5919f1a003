package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNullElse;

import io.backbeat.core.task.TaskKind;
import java.util.Map;
import java.util.List;

/**
 * Images from a prompt.
 *
 * @param count how many images
 * @param seed same seed and request, same pixels; null for a random one
 * @param referenceImageUrls images to build on (base layer, palette), fetched through the egress guard
 * @param format {@code png} or {@code jpeg}
 */
public record ImageSpec(
    String model,
    String prompt,
    String negativePrompt,
    int width,
    int height,
    int count,
    Long seed,
    boolean promptExtend,
    boolean watermark,
    List<String> referenceImageUrls,
    String format,
    String callbackUrl)
    implements TaskSpec {
  public ImageSpec {
    Checks.required(model, "model");
    Checks.required(prompt, "prompt");
    Checks.positive(width, "width");
    Checks.positive(height, "height");
    Checks.positive(count, "count");
    referenceImageUrls = List.copyOf(requireNonNullElse(referenceImageUrls, List.of()));
    format = requireNonNullElse(format, "png");
  }

  @Override
  public TaskKind kind() {
    return TaskKind.IMAGE;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return Texts.of().add("prompt", prompt).add("negativePrompt", negativePrompt).build();
  }
}
