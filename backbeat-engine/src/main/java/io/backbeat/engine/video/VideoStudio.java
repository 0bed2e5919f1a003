package io.backbeat.engine.video;

import io.backbeat.engine.encode.Mp4Writer;
import io.backbeat.engine.image.Atmosphere;
import io.backbeat.engine.image.ImageStudio;
import io.backbeat.engine.image.ReferenceImages;
import io.backbeat.engine.image.Scene;
import io.backbeat.engine.image.SceneLayers;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The local video maker. Text-to-video paints the prompt's scene with the {@link ImageStudio} as
 * depth layers on a canvas a fifth larger than the frame, then moves a {@link Camera} over it: each
 * layer shifts and scales by its depth (parallax), weather and particles move in front
 * ({@link Atmosphere}), and the light breathes and changes over the shot (a sunset darkens, a dawn
 * brightens). Image-to-video starts exactly on the given first frame and pushes slowly into it,
 * cross-fading in the second half onto the last frame when one is given, so the video ends on it.
 *
 * <p>Frames are streamed to {@link Mp4Writer} (H.264, AAC for a soundtrack, {@code +faststart}):
 * one frame in memory, painted while the previous one is encoded. The abandon check runs before
 * every frame. The same request and seed paint the same frames.
 */
public final class VideoStudio {
  /** How much larger than the frame the painted scene is, so the camera has room to move. */
  static final double MARGIN = 1.2;

  /** Thrown from inside the encode when the task was abandoned; the partial file is deleted. */
  public static final class AbandonedException extends IOException {
    AbandonedException(int frame) {
      super("abandoned at frame " + frame);
    }
  }

  private final ImageStudio images;

  public VideoStudio(ImageStudio images) {
    this.images = Objects.requireNonNull(images, "images is null");
  }

  /** Renders {@code request} into {@code file} (an MP4), checking {@code abandoned} before each frame. */
  public RenderedVideo render(VideoRequest request, Path file, BooleanSupplier abandoned, Mp4Writer.Progress progress)
      throws IOException {
    List<BufferedImage> palette = new ArrayList<>();
    if (request.firstFrame() != null) {
      palette.add(request.firstFrame());
    }
    palette.addAll(request.references());
    Scene scene = images.scene(request.prompt(), request.negativePrompt(), palette);
    FramePainter painter = request.firstFrame() != null
        ? new AnimatedImage(request, scene)
        : new AnimatedScene(request, scene, images);
    int w = request.width();
    int h = request.height();
    BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] rgb = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
    BufferedImage[] poster = new BufferedImage[1];
    int total = request.frames();
    Mp4Writer.Builder writer = Mp4Writer.builder().size(w, h).fps(request.fps()).durationSeconds(total / (double) request.fps())
        .tag("comment", "Backbeat local studio");
    if (request.audio() != null) {
      writer.audio(request.audio(), request.sampleRate());
    }
    if (progress != null) {
      writer.progress(progress);
    }
    Mp4Writer.Written written = writer.build().write(file, (canvas, index, seconds) -> {
      if (abandoned.getAsBoolean()) {
        throw new AbandonedException(index);
      }
      Graphics2D g = graphics(frame);
      try {
        painter.paint(g, rgb, total <= 1 ? 0 : index / (double) (total - 1), seconds);
        if (request.watermark()) {
          g.dispose();
          ImageStudio.watermark(frame);
          g = graphics(frame);
        }
      } finally {
        g.dispose();
      }
      if (index == 0) {
        poster[0] = copy(frame);
      }
      toBgr(rgb, ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData());
    });
    return new RenderedVideo(file, poster[0], written.frames(), written.frames() / (double) request.fps(), w, h,
        request.fps(), written.hasAudio());
  }

  /** Paints one frame at {@code u} of the way through (0..1), {@code seconds} from the start. */
  private interface FramePainter {
    void paint(Graphics2D g, int[] target, double u, double seconds);
  }

  /** The prompt's scene as parallax layers under a moving camera. */
  private static final class AnimatedScene implements FramePainter {
    private final VideoRequest request;
    private final Scene scene;
    private final double[] depth;
    private final float[] opacity;
    private final int canvasWidth;
    private final int canvasHeight;
    /** Each layer's pixels, premultiplied in place (the sky is opaque): no second copy of a layer is held. */
    private final int[][] data;
    private final Camera camera;
    private final Atmosphere atmosphere;
    private final BufferedImage light;

    AnimatedScene(VideoRequest request, Scene scene, ImageStudio images) {
      this.request = request;
      this.scene = scene;
      this.canvasWidth = (int) Math.round(request.width() * MARGIN);
      this.canvasHeight = (int) Math.round(request.height() * MARGIN);
      List<SceneLayers.Layer> layers = images.layers(scene, request.seed(), canvasWidth, canvasHeight, request.references(), true).layers();
      this.depth = new double[layers.size()];
      this.opacity = new float[layers.size()];
      this.data = new int[layers.size()][];
      for (int i = 0; i < layers.size(); i++) {
        depth[i] = layers.get(i).depth();
        opacity[i] = layers.get(i).opacity();
        data[i] = ((DataBufferInt) layers.get(i).image().getRaster().getDataBuffer()).getData();
        premultiply(data[i]);
      }
      this.camera = Camera.of(request.prompt(), request.seed());
      this.atmosphere = new Atmosphere(scene, request.seed());
      // the light and vignette are the same on every frame: painted once, blitted
      this.light = new BufferedImage(request.width(), request.height(), BufferedImage.TYPE_INT_ARGB_PRE);
      Graphics2D g = light.createGraphics();
      ImageStudio.lighting(g, scene, request.width(), request.height(), 0);
      g.dispose();
    }

    @Override
    public void paint(Graphics2D g, int[] target, double u, double seconds) {
      int w = request.width();
      int h = request.height();
      Camera.Pose pose = camera.at(u);
      double marginX = (canvasWidth - w) / 2.0;
      double marginY = (canvasHeight - h) / 2.0;
      for (int i = 0; i < data.length; i++) {
        double follow = 0.15 + 0.85 * depth[i];
        double scale = 1 + (pose.zoom() - 1) * (0.4 + 0.6 * depth[i]);
        Compositor.draw(target, w, h, data[i], canvasWidth, canvasHeight,
            canvasWidth / 2.0 + pose.panX() * marginX * follow, canvasHeight / 2.0 + pose.panY() * marginY * follow,
            scale, opacity[i], i == 0);
      }
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      atmosphere.paint(g, w, h, seconds);
      g.drawImage(light, 0, 0, null);
      // the light breathes a little
      int breathe = (int) (10 * (0.5 + 0.5 * Math.sin(seconds * 0.9)));
      if (breathe > 0) {
        g.setColor(new Color(255, 244, 220, breathe));
        g.fillRect(0, 0, w, h);
      }
      // the light changes over the shot: a sunset darkens towards dusk, a dawn brightens
      Color change = switch (scene.light()) {
        case SUNSET -> new Color(10, 0, 30, (int) (50 * u));
        case DAWN -> new Color(255, 240, 210, (int) (36 * u));
        default -> null;
      };
      if (change != null && change.getAlpha() > 0) {
        g.setColor(change);
        g.fillRect(0, 0, w, h);
      }
    }
  }

  /** A given first frame, pushed into slowly, fading onto the last frame when there is one. */
  private static final class AnimatedImage implements FramePainter {
    private final VideoRequest request;
    private final int[] first;
    private final int[] last;
    private final Atmosphere atmosphere;

    AnimatedImage(VideoRequest request, Scene scene) {
      this.request = request;
      this.first = fitted(request.firstFrame(), request.width(), request.height());
      this.last = request.lastFrame() == null ? null : fitted(request.lastFrame(), request.width(), request.height());
      this.atmosphere = new Atmosphere(scene, request.seed());
    }

    @Override
    public void paint(Graphics2D g, int[] target, double u, double seconds) {
      int w = request.width();
      int h = request.height();
      double e = u * u * (3 - 2 * u);
      Compositor.draw(target, w, h, first, w, h, w / 2.0, h / 2.0, 1 + 0.1 * e, 1f, true);
      if (last != null && u > 0.5) {
        double v = (u - 0.5) / 0.5;
        float fade = (float) (v * v * (3 - 2 * v));
        Compositor.draw(target, w, h, last, w, h, w / 2.0, h / 2.0, 1 + 0.1 * (1 - e), fade, true);
      }
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      // the particles grow in over the first second, so frame 0 is the given image itself
      float presence = (float) Math.min(1, seconds);
      if (presence > 0) {
        Graphics2D ag = (Graphics2D) g.create();
        ag.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, presence));
        atmosphere.paint(ag, w, h, seconds);
        ag.dispose();
      }
    }

    private static int[] fitted(BufferedImage image, int w, int h) {
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = out.createGraphics();
      ReferenceImages.drawCover(g, image, w, h);
      g.dispose();
      return ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    }
  }

  private static BufferedImage convert(BufferedImage image, int type) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
    Graphics2D g = out.createGraphics();
    g.setComposite(AlphaComposite.Src);
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return out;
  }

  private static void premultiply(int[] argb) {
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      int a = p >>> 24;
      if (a == 255) {
        continue;
      }
      if (a == 0) {
        argb[i] = 0;
        continue;
      }
      argb[i] = (a << 24) | ((((p >> 16) & 0xff) * a + 127) / 255) << 16 | ((((p >> 8) & 0xff) * a + 127) / 255) << 8
          | (((p & 0xff) * a + 127) / 255);
    }
  }

  private static BufferedImage copy(BufferedImage image) {
    return convert(image, BufferedImage.TYPE_INT_RGB);
  }

  private static void toBgr(int[] rgb, byte[] bgr) {
    for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
      int p = rgb[i];
      bgr[j] = (byte) p;
      bgr[j + 1] = (byte) (p >> 8);
      bgr[j + 2] = (byte) (p >> 16);
    }
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
    return g;
  }
}
