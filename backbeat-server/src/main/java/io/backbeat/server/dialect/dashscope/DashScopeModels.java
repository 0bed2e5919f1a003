package io.backbeat.server.dialect.dashscope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models DashScope documents for the two create routes, with their size lists, tiers and
 * durations (contract-media.md §1.2, §2.2, §2.3). Anything outside them is refused at create, so a
 * client learns of a bad {@code size} at once instead of from a failed task.
 */
final class DashScopeModels {
  private DashScopeModels() {}

  /** Output sizes of the qwen-image family: the 2025 list and the newer max/plus list together. */
  static final List<String> QWEN_IMAGE_SIZES =
      List.of("1664*928", "1472*1140", "1472*1104", "1328*1328", "1140*1472", "1104*1472", "928*1664");

  /**
   * An image model.
   *
   * @param sizes the allowed {@code W*H}, or empty for any size whose pixel count lies in [minPixels, maxPixels]
   * @param maxImages {@code n} may be 1 to this
   * @param maxReferenceImages how many {@code {"image": …}} content items it takes (0: text-to-image only)
   */
  record ImageModel(String name, String defaultSize, List<String> sizes, long minPixels, long maxPixels, int maxImages, int maxReferenceImages) {}

  private static final Map<String, ImageModel> IMAGE_MODELS = imageModels();

  private static Map<String, ImageModel> imageModels() {
    Map<String, ImageModel> models = new LinkedHashMap<>();
    for (String name : List.of("qwen-image", "qwen-image-plus")) {
      models.put(name, new ImageModel(name, "1328*1328", QWEN_IMAGE_SIZES, 0, 0, 1, 0));
    }
    for (String name : List.of("qwen-image-max", "qwen-image-plus-2026-01-09")) {
      models.put(name, new ImageModel(name, "1664*928", QWEN_IMAGE_SIZES, 0, 0, 1, 0));
    }
    for (String name : List.of("qwen-image-2.0", "qwen-image-2.0-pro")) {
      models.put(name, new ImageModel(name, "1328*1328", List.of(), 512L * 512, 2048L * 2048, 6, 3));
    }
    for (String name : List.of("qwen-image-edit", "qwen-image-edit-plus")) {
      models.put(name, new ImageModel(name, "1328*1328", QWEN_IMAGE_SIZES, 0, 0, name.endsWith("plus") ? 6 : 1, 3));
    }
    return Map.copyOf(models);
  }

  static Optional<ImageModel> image(String name) {
    return Optional.ofNullable(IMAGE_MODELS.get(name));
  }

  static Set<String> imageModelNames() {
    return new java.util.TreeSet<>(IMAGE_MODELS.keySet());
  }

  /** Video tiers and the concrete {@code W*H} of each (text-to-video takes these as {@code size}). */
  static final Map<String, List<String>> TIER_SIZES =
      Map.of(
          "480P", List.of("832*480", "480*832", "624*624"),
          "720P", List.of("1280*720", "720*1280", "960*960", "1088*832", "832*1088"),
          "1080P", List.of("1920*1080", "1080*1920", "1440*1440", "1632*1248", "1248*1632"));

  /**
   * A video model.
   *
   * @param imageToVideo takes {@code input.img_url} (required) and {@code parameters.resolution};
   *     otherwise text-to-video with {@code parameters.size}
   * @param tiers the allowed tiers, e.g. {@code 480P}
   * @param defaultSize text-to-video: the default {@code size}; image-to-video: the default tier
   * @param durations the allowed whole seconds
   * @param takesAudio whether {@code input.audio_url} is allowed
   * @param fps the frame rate it renders at
   */
  record VideoModel(String name, boolean imageToVideo, List<String> tiers, String defaultSize, List<Integer> durations, boolean takesAudio, int fps) {
    /** wan2.6 and later report usage in seconds and {@code SR}; older models in {@code video_duration}/{@code video_ratio}. */
    boolean newUsage() {
      return name.startsWith("wan2.6") || name.startsWith("wan2.7");
    }
  }

  private static final List<Integer> FIVE = List.of(5);
  private static final List<Integer> FIVE_TEN = List.of(5, 10);
  private static final List<Integer> TWO_TO_FIFTEEN = List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

  private static final Map<String, VideoModel> VIDEO_MODELS =
      Map.ofEntries(
          video(new VideoModel("wan2.7-t2v", false, List.of("720P", "1080P"), "1920*1080", TWO_TO_FIFTEEN, true, 30)),
          video(new VideoModel("wan2.6-t2v", false, List.of("720P", "1080P"), "1920*1080", TWO_TO_FIFTEEN, true, 30)),
          video(new VideoModel("wan2.5-t2v-preview", false, List.of("480P", "720P", "1080P"), "1920*1080", FIVE_TEN, true, 24)),
          video(new VideoModel("wan2.2-t2v-plus", false, List.of("480P", "1080P"), "1920*1080", FIVE, false, 24)),
          video(new VideoModel("wanx2.1-t2v-turbo", false, List.of("480P", "720P"), "1280*720", FIVE, false, 16)),
          video(new VideoModel("wanx2.1-t2v-plus", false, List.of("720P"), "1280*720", FIVE, false, 16)),
          video(new VideoModel("wan2.6-i2v", true, List.of("720P", "1080P"), "1080P", List.of(5, 10, 15), true, 30)),
          video(new VideoModel("wan2.6-i2v-flash", true, List.of("720P", "1080P"), "1080P", List.of(5, 10, 15), true, 30)),
          video(new VideoModel("wan2.5-i2v-preview", true, List.of("480P", "720P", "1080P"), "1080P", FIVE_TEN, true, 24)),
          video(new VideoModel("wan2.2-i2v-flash", true, List.of("480P", "720P", "1080P"), "720P", FIVE, false, 24)),
          video(new VideoModel("wan2.2-i2v-plus", true, List.of("480P", "1080P"), "1080P", FIVE, false, 24)),
          video(new VideoModel("wanx2.1-i2v-turbo", true, List.of("480P", "720P"), "720P", List.of(3, 4, 5), false, 16)),
          video(new VideoModel("wanx2.1-i2v-plus", true, List.of("720P"), "720P", FIVE, false, 16)));

  private static Map.Entry<String, VideoModel> video(VideoModel model) {
    return Map.entry(model.name(), model);
  }

  static Optional<VideoModel> video(String name) {
    return Optional.ofNullable(VIDEO_MODELS.get(name));
  }

  static Set<String> videoModelNames() {
    return new java.util.TreeSet<>(VIDEO_MODELS.keySet());
  }

  /** The tier a concrete size belongs to, or null. */
  static String tierOf(String size) {
    for (Map.Entry<String, List<String>> tier : TIER_SIZES.entrySet()) {
      if (tier.getValue().contains(size)) {
        return tier.getKey();
      }
    }
    return null;
  }
}
