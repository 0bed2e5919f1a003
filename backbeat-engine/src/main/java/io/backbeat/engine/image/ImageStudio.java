package io.backbeat.engine.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The local image maker: a prompt read into a {@link Scene} ({@link SceneReader}), painted with
 * Java2D as depth layers ({@link ScenePainter}) over an optional reference image, with weather and
 * particles ({@link Atmosphere}), light and vignette, the style's grading and the negative prompt's
 * colours turned away ({@link ColourFilter}), film grain for photographic styles and an optional
 * watermark; PNG or JPEG, exactly the requested size. Same request and seed, same bytes.
 *
 * <p>The video studio uses the same layers on a larger canvas and moves them apart.
 */
public final class ImageStudio {
  /** The watermark's text, bottom right. */
  public static final String WATERMARK = "AI generated";

  /** Reads the request's prompt, with the references' colours in the palette. */
  public Scene scene(String prompt, String negativePrompt, List<BufferedImage> references) {
    Scene scene = SceneReader.read(prompt, negativePrompt);
    if (references.isEmpty()) {
      return scene;
    }
    ScenePalette palette = ReferenceImages.palette(scene.palette(), references)
        .map(c -> ColourFilter.exclude(c, scene.excludedColours()));
    return new Scene(scene.motifs(), palette, scene.light(), scene.composition(), scene.styles(), scene.weather(),
        scene.excludedColours());
  }

  /**
   * Paints the scene's layers at {@code width × height}: the sky (or the first reference, covering
   * the canvas), then far, middle and near ground; over a reference the painted layers are
   * translucent so the reference stays the picture's base. With {@code graded} each layer gets the
   * style's grading and the colour exclusion (a video's layers; a still is graded once, whole).
   */
  public SceneLayers layers(Scene scene, long seed, int width, int height, List<BufferedImage> references, boolean graded) {
    ScenePainter painter = new ScenePainter(scene, width, height, seed);
    List<SceneLayers.Layer> layers = new ArrayList<>();
    boolean based = !references.isEmpty();
    for (SceneMotif.Layer depth : SceneMotif.Layer.values()) {
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = graphics(image);
      try {
        if (depth == SceneMotif.Layer.SKY && based) {
          ReferenceImages.drawCover(g, references.get(0), width, height);
        } else {
          painter.paint(depth, g);
        }
      } finally {
        g.dispose();
      }
      if (graded) {
        ColourFilter.apply(image, scene.styles(), scene.excludedColours());
      }
      double parallax = switch (depth) {
        case SKY -> 0.0;
        case FAR -> 0.25;
        case MID -> 0.55;
        case NEAR -> 1.0;
      };
      layers.add(new SceneLayers.Layer(image, parallax, based && depth != SceneMotif.Layer.SKY ? 0.5f : 1f));
    }
    return new SceneLayers(scene, layers, width, height);
  }

  /** The finished picture, {@code TYPE_INT_RGB}, exactly the requested size. */
  public BufferedImage paint(ImageRequest request) {
    Scene scene = scene(request.prompt(), request.negativePrompt(), request.references());
    SceneLayers layers = layers(scene, request.seed(), request.width(), request.height(), request.references(), false);
    BufferedImage image = new BufferedImage(request.width(), request.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    try {
      layers.composite(g);
      new Atmosphere(scene, request.seed()).paint(g, request.width(), request.height(), 0);
      lighting(g, scene, request.width(), request.height(), 0);
    } finally {
      g.dispose();
    }
    if (scene.styles().stream().anyMatch(ImageStyle::grain) || scene.styles().isEmpty()) {
      ColourFilter.grain(image, request.seed() ^ 0x6772616EL, scene.styles().isEmpty() ? 4 : 7);
    }
    // last, so nothing painted after (atmosphere, light, grain) escapes the grading or brings an excluded colour back
    ColourFilter.apply(image, scene.styles(), scene.excludedColours());
    if (request.watermark()) {
      watermark(image);
    }
    return image;
  }

  /** Paints, then encodes as the request's format. */
  public byte[] render(ImageRequest request) throws IOException {
    return encode(paint(request), request.format());
  }

  /**
   * The light over a scene at {@code seconds}: a warm or cool wash for sunset, dawn and night, and a
   * vignette for cinematic, vintage and dark scenes. {@code seconds} lets a video breathe it slowly.
   */
  public static void lighting(Graphics2D g, Scene scene, int width, int height, double seconds) {
    float breathe = (float) (0.5 + 0.5 * Math.sin(seconds * 0.9));
    if (scene.styled(ImageStyle.NOIR) || scene.styled(ImageStyle.SKETCH)) {
      breathe = 0; // no tint over grey
    }
    Color wash = switch (scene.light()) {
      case SUNSET -> new Color(255, 140, 60, (int) (28 + 14 * breathe));
      case DAWN -> new Color(255, 200, 150, (int) (20 + 10 * breathe));
      case NIGHT -> new Color(30, 40, 90, (int) (26 + 10 * breathe));
      case DAY -> new Color(255, 250, 230, (int) (8 * breathe));
    };
    g.setPaint(new GradientPaint(0, 0, wash, 0, height, Colours.alpha(wash, wash.getAlpha() / 3)));
    g.fill(new Rectangle2D.Float(0, 0, width, height));
    boolean vignette = scene.styled(ImageStyle.CINEMATIC) || scene.styled(ImageStyle.VINTAGE)
        || scene.styled(ImageStyle.PHOTO) || scene.light() == Scene.Light.NIGHT;
    if (vignette) {
      float radius = (float) Math.hypot(width, height) / 2f;
      g.setPaint(new RadialGradientPaint(width / 2f, height / 2f, radius, new float[] {0.55f, 1f},
          new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, 120)}));
      g.fill(new Rectangle2D.Float(0, 0, width, height));
    }
  }

  /** Writes the watermark into the bottom-right corner. */
  public static void watermark(BufferedImage image) {
    Graphics2D g = graphics(image);
    try {
      int size = Math.max(10, Math.min(image.getWidth(), image.getHeight()) / 28);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
      FontMetrics fm = g.getFontMetrics();
      int x = image.getWidth() - fm.stringWidth(WATERMARK) - size;
      int y = image.getHeight() - size;
      g.setColor(new Color(0, 0, 0, 130));
      g.drawString(WATERMARK, x + Math.max(1, size / 12), y + Math.max(1, size / 12));
      g.setColor(new Color(255, 255, 255, 215));
      g.drawString(WATERMARK, x, y);
    } finally {
      g.dispose();
    }
  }

  /** PNG or JPEG (quality 0.92) bytes of an RGB image. */
  public static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (format.equals("png")) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer");
      }
      return out.toByteArray();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.92f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    return g;
  }
}
