package io.backbeat.engine.image;

import static io.backbeat.engine.image.Colours.adjust;
import static io.backbeat.engine.image.Colours.blend;

import io.backbeat.engine.prompt.Mood;
import java.awt.Color;
import java.util.List;
import java.util.Set;

/**
 * The palette of a scene: a base for its light, then the colours the prompt names (the first tints
 * the sky and is the accent, the second tints the ground and is the second accent), then the moods
 * (dark darkens, sad cools and greys, happy and energetic saturate, dreamy softens towards pastel,
 * romantic warms towards pink), then styles that set a palette of their own (neon).
 */
final class PaletteMaker {
  private PaletteMaker() {}

  static ScenePalette make(Scene.Light light, List<Color> named, Set<Mood> moods, Set<ImageStyle> styles, List<SceneMotif> motifs) {
    ScenePalette p = ScenePalette.of(light);
    if (motifs.contains(SceneMotif.DESERT) && !motifs.contains(SceneMotif.HILLS)) {
      p = new ScenePalette(p.skyTop(), p.skyBottom(), blend(p.far(), new Color(0xC98B52), 0.5),
          blend(p.mid(), new Color(0xE0B36E), 0.7), blend(p.near(), new Color(0xB07A3E), 0.6), p.accent(), p.accent2(), p.light());
    }
    if (styles.contains(ImageStyle.NEON) && named.isEmpty()) {
      named = List.of(new Color(0xFF2BD6), new Color(0x00E5FF));
    }
    if (!named.isEmpty()) {
      Color first = named.get(0);
      Color second = named.size() > 1 ? named.get(1) : first;
      Color third = named.size() > 2 ? named.get(2) : second;
      p = new ScenePalette(
          blend(p.skyTop(), first, 0.55), blend(p.skyBottom(), first, 0.4),
          blend(p.far(), second, 0.3), blend(p.mid(), second, 0.45), blend(p.near(), third, 0.3),
          first, second, blend(p.light(), first, 0.25));
    }
    for (Mood mood : moods) {
      p = switch (mood) {
        case DARK -> p.map(c -> adjust(c, 0, 0.85f, 0.55f));
        case SAD -> p.map(c -> adjust(blend(c, new Color(0x51607A), 0.3), 0, 0.6f, 0.8f));
        case HAPPY, UPLIFTING -> p.map(c -> adjust(c, 0, 1.2f, 1.1f));
        case ENERGETIC -> p.map(c -> adjust(c, 0, 1.35f, 1.05f));
        case DREAMY -> p.map(c -> blend(adjust(c, 0, 0.8f, 1.1f), new Color(0xF3D9FF), 0.25));
        case ROMANTIC -> p.map(c -> blend(c, new Color(0xFF7FA8), 0.2));
        case CALM -> p.map(c -> adjust(c, 0, 0.8f, 1.0f));
        case MYSTERIOUS -> p.map(c -> adjust(blend(c, new Color(0x2B1B4F), 0.3), 0, 1f, 0.8f));
        case NOSTALGIC -> p.map(c -> blend(c, new Color(0xC9A66B), 0.25));
        case EPIC -> p.map(c -> adjust(c, 0, 1.15f, 0.95f));
      };
    }
    return p;
  }
}
