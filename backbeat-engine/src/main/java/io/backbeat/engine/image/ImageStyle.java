package io.backbeat.engine.image;

import java.util.List;

/**
 * How a picture is made, from style words: the look of its surfaces and light. Each style is a
 * per-pixel colour treatment (so it applies alike to a still and to every layer of a video) plus
 * whether the picture gets film grain and outlines.
 */
public enum ImageStyle {
  PHOTO("photo photograph photographic realistic photorealistic hyperrealistic 4k 8k hdr", "写实 照片 摄影 真实"),
  CINEMATIC("cinematic film movie dramatic epic", "电影 史诗 大片"),
  WATERCOLOUR("watercolor watercolour aquarelle pastel", "水彩 粉彩"),
  OIL("oil painting painted impressionist impressionism canvas", "油画 印象派"),
  ANIME("anime manga cartoon ghibli illustration comic", "动漫 动画 卡通 漫画 插画"),
  FLAT("flat vector minimal minimalist simple icon", "扁平 矢量 极简 简约"),
  NEON("neon cyberpunk synthwave vaporwave glow glowing", "霓虹 赛博朋克 发光"),
  VINTAGE("vintage retro sepia nostalgic old", "复古 怀旧 老照片"),
  NOIR("noir monochrome grayscale greyscale black-and-white", "黑白 单色"),
  SKETCH("sketch pencil drawing charcoal ink lineart", "素描 铅笔 线稿 水墨");

  private final List<String> words;
  private final List<String> chinese;

  ImageStyle(String words, String chinese) {
    this.words = List.of(words.split(" "));
    this.chinese = List.of(chinese.split(" "));
  }

  List<String> words() {
    return words;
  }

  List<String> chinese() {
    return chinese;
  }

  /** Whether the finished still gets light film grain (flat and drawn styles stay clean). */
  boolean grain() {
    return this == PHOTO || this == CINEMATIC || this == OIL || this == VINTAGE || this == NOIR;
  }
}
