package io.backbeat.engine.image;

import java.awt.Color;
import java.util.List;
import java.util.Set;

/**
 * What a picture of a prompt holds, as {@link SceneReader} read it: motifs in prompt order, the
 * palette, light, composition, style and weather, and the colours the negative prompt ruled out.
 *
 * @param excludedColours colours no pixel may show (their hue band is turned away at the end)
 */
public record Scene(
    List<SceneMotif> motifs,
    ScenePalette palette,
    Light light,
    Composition composition,
    Set<ImageStyle> styles,
    Set<Weather> weather,
    List<Color> excludedColours) {

  /** The light of the scene, from time-of-day words (or the sun, moon and stars it shows). */
  public enum Light { DAY, DAWN, SUNSET, NIGHT }

  /** Where the horizon sits and how big the subject is, from framing words. */
  public enum Composition {
    /** Horizon a little above the lower third, the subject on a third. */
    BALANCED,
    /** Symmetric, the subject in the middle. */
    CENTRED,
    /** Panorama: a low horizon and small subjects. */
    WIDE,
    /** The subject fills the frame. */
    CLOSE_UP,
    /** Seen from above: a high horizon. */
    AERIAL
  }

  /** Weather drawn over the scene (and animated in a video). */
  public enum Weather { RAIN, SNOW, FOG, STORM }

  public Scene {
    motifs = List.copyOf(motifs);
    styles = Set.copyOf(styles);
    weather = Set.copyOf(weather);
    excludedColours = List.copyOf(excludedColours);
  }

  public boolean has(SceneMotif motif) {
    return motifs.contains(motif);
  }

  public boolean styled(ImageStyle style) {
    return styles.contains(style);
  }
}
