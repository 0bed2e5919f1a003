package io.backbeat.core.task.spec;

import static java.util.Objects.requireNonNullElse;

import io.backbeat.core.task.TaskKind;
import java.util.Map;
import java.util.List;

/**
 * A video from a prompt, optionally animating given frames and set to given audio.
 *
 * @param durationSeconds the length; with {@code audioUrl} the audio may set it within the model's limits
 * @param firstFrameUrl an image the video starts from, or null
 * @param lastFrameUrl an image the video ends on, or null
 * @param audioUrl a soundtrack, or null
 * @param referenceImageUrls further images to draw from
 */
public record VideoSpec(
    String model,
    String prompt,
    String negativePrompt,
    int width,
    int height,
    double durationSeconds,
    int fps,
    String firstFrameUrl,
    String lastFrameUrl,
    String audioUrl,
    List<String> referenceImageUrls,
    Long seed,
    boolean promptExtend,
    boolean watermark,
    String callbackUrl)
    implements TaskSpec {
  public VideoSpec {
    Checks.required(model, "model");
    Checks.positive(width, "width");
    Checks.positive(height, "height");
    Checks.positive(fps, "fps");
    if (!(durationSeconds > 0)) {
      throw new IllegalArgumentException("durationSeconds must be positive, not " + durationSeconds);
    }
    referenceImageUrls = List.copyOf(requireNonNullElse(referenceImageUrls, List.of()));
  }

  @Override
  public TaskKind kind() {
    return TaskKind.VIDEO;
  }

  @Override
  public Map<String, String> moderatedTexts() {
    return Texts.of().add("prompt", prompt).add("negativePrompt", negativePrompt).build();
  }
}
