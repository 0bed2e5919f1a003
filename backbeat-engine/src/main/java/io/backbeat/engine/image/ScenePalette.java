package io.backbeat.engine.image;

import java.awt.Color;
import java.util.function.UnaryOperator;

/**
 * The colours of a scene: the sky's gradient, the three grounds from far to near, an accent for
 * subjects (flowers, lanterns, abstract shapes), a second accent, and the colour of the light.
 */
public record ScenePalette(
    Color skyTop, Color skyBottom, Color far, Color mid, Color near, Color accent, Color accent2, Color light) {

  /** Every colour passed through {@code f}. */
  ScenePalette map(UnaryOperator<Color> f) {
    return new ScenePalette(f.apply(skyTop), f.apply(skyBottom), f.apply(far), f.apply(mid), f.apply(near),
        f.apply(accent), f.apply(accent2), f.apply(light));
  }

  static ScenePalette of(Scene.Light light) {
    return switch (light) {
      case DAY -> new ScenePalette(rgb(0x3D7DD8), rgb(0xAED8F2), rgb(0x7A8FAE), rgb(0x5C9A4C), rgb(0x2F5E2E),
          rgb(0xE84A5F), rgb(0xF2C14E), rgb(0xFFF3C4));
      case DAWN -> new ScenePalette(rgb(0x5B6FC2), rgb(0xFFC3A0), rgb(0x8A7BA8), rgb(0x6C8A5A), rgb(0x3C4F3A),
          rgb(0xF25C8A), rgb(0xFFB36E), rgb(0xFFE0B0));
      case SUNSET -> new ScenePalette(rgb(0x2E2358), rgb(0xFF8A4C), rgb(0x5B3A6B), rgb(0x4A3A50), rgb(0x2A1E2E),
          rgb(0xFF5E5B), rgb(0xFFB347), rgb(0xFFD27F));
      case NIGHT -> new ScenePalette(rgb(0x070B24), rgb(0x22305E), rgb(0x1C2444), rgb(0x18223A), rgb(0x0E1424),
          rgb(0xC77DFF), rgb(0xF5E6A8), rgb(0xE8EEFF));
    };
  }

  static Color rgb(int rgb) {
    return new Color(rgb);
  }
}
