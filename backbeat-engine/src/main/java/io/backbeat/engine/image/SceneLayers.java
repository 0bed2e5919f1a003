package io.backbeat.engine.image;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A scene painted as separate depth layers (each {@code TYPE_INT_ARGB}, all the same size), back
 * to front, with how much each moves when the camera does: 0 for the sky, 1 for the nearest
 * subjects. A still composites them where they lie; a video shifts them by depth (parallax).
 */
public record SceneLayers(Scene scene, List<Layer> layers, int width, int height) {

  /** One layer: its pixels, how much it follows the camera, and how opaque it is drawn. */
  public record Layer(BufferedImage image, double depth, float opacity) {}

  public SceneLayers {
    layers = List.copyOf(layers);
  }

  /** Draws every layer unshifted onto {@code g}. */
  public void composite(Graphics2D g) {
    for (Layer layer : layers) {
      Graphics2D lg = (Graphics2D) g.create();
      if (layer.opacity() < 1f) {
        lg.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, layer.opacity()));
      }
      lg.drawImage(layer.image(), 0, 0, null);
      lg.dispose();
    }
  }
}
