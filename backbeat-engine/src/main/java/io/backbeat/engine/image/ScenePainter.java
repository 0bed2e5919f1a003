package io.backbeat.engine.image;

import static io.backbeat.engine.image.Colours.alpha;
import static io.backbeat.engine.image.Colours.blend;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Paints the motifs of a {@link Scene}, one depth layer at a time, onto a canvas of any size (all
 * positions are fractions of it). The sky layer holds the gradient, sun or moon with their glow,
 * stars, clouds and everything that flies; the far layer the silhouettes on the horizon; the middle
 * layer the ground (sea, desert, hills) and what stands on it; the near layer the subjects, placed
 * by the composition (centred, on a third, filling a close-up). Every random choice comes from the
 * layer's own generator, so the same seed paints the same pixels.
 */
final class ScenePainter {
  private final Scene scene;
  private final ScenePalette p;
  private final int w;
  private final int h;
  private final float unit;
  private final float horizon;
  private final long seed;
  /** Where the sun or moon is, for reflections and glow; null when the sky shows neither. */
  private final float[] lightSource;

  ScenePainter(Scene scene, int width, int height, long seed) {
    this.scene = scene;
    this.p = scene.palette();
    this.w = width;
    this.h = height;
    this.unit = Math.min(width, height);
    this.seed = seed;
    this.horizon = height * switch (scene.composition()) {
      case WIDE -> 0.7f;
      case AERIAL -> 0.32f;
      case CLOSE_UP -> 0.72f;
      case CENTRED, BALANCED -> 0.62f;
    };
    SplittableRandom r = random(SceneMotif.Layer.SKY);
    float lx = w * (0.25f + (float) r.nextDouble() * 0.5f);
    float ly = scene.light() == Scene.Light.SUNSET || scene.light() == Scene.Light.DAWN
        ? horizon - unit * 0.12f : h * (0.14f + (float) r.nextDouble() * 0.1f);
    this.lightSource = scene.has(SceneMotif.SUN) || scene.has(SceneMotif.MOON) ? new float[] {lx, ly} : null;
  }

  float horizon() {
    return horizon;
  }

  private SplittableRandom random(SceneMotif.Layer layer) {
    return new SplittableRandom(seed * 31 + layer.ordinal() * 0x9E3779B97F4A7C15L);
  }

  /** Paints one layer; the sky is opaque, the others transparent where they show nothing. */
  void paint(SceneMotif.Layer layer, Graphics2D g) {
    SplittableRandom r = random(layer);
    switch (layer) {
      case SKY -> sky(g, r);
      case FAR -> far(g, r);
      case MID -> mid(g, r);
      case NEAR -> near(g, r);
    }
  }

  private boolean abstractOnly() {
    return scene.motifs().stream().allMatch(m -> m == SceneMotif.CIRCLES || m == SceneMotif.GEOMETRIC
        || m == SceneMotif.SWIRL || m == SceneMotif.STRIPES || m == SceneMotif.HEART);
  }

  // ---------------------------------------------------------------- sky

  private void sky(Graphics2D g, SplittableRandom r) {
    if (abstractOnly()) {
      g.setPaint(new GradientPaint(0, 0, p.skyTop(), w * 0.4f, h, p.skyBottom()));
      g.fillRect(0, 0, w, h);
      return;
    }
    g.setPaint(new GradientPaint(0, 0, p.skyTop(), 0, horizon, p.skyBottom()));
    g.fillRect(0, 0, w, (int) Math.ceil(horizon) + 1);
    g.setColor(p.skyBottom());
    g.fillRect(0, (int) horizon, w, h - (int) horizon);
    for (SceneMotif m : scene.motifs()) {
      switch (m) {
        case GALAXY -> galaxy(g, r);
        case AURORA -> aurora(g, r);
        case STARS -> stars(g, r, 220);
        case PLANET -> planet(g, r);
        case RAINBOW -> rainbow(g);
        default -> { }
      }
    }
    if (scene.light() == Scene.Light.NIGHT && !scene.has(SceneMotif.STARS) && !scene.has(SceneMotif.CLOUDS)) {
      stars(g, r, 70);
    }
    if (scene.has(SceneMotif.SUN)) {
      sun(g);
    }
    if (scene.has(SceneMotif.MOON)) {
      moon(g);
    }
    if (scene.has(SceneMotif.CLOUDS) || scene.weather().contains(Scene.Weather.RAIN)) {
      clouds(g, r, scene.weather().isEmpty() ? 5 : 9);
    }
    if (scene.has(SceneMotif.BIRD)) {
      birds(g, r);
    }
  }

  private void sun(Graphics2D g) {
    float x = lightSource[0];
    float y = lightSource[1];
    float radius = unit * (scene.light() == Scene.Light.SUNSET ? 0.11f : 0.08f);
    Color core = scene.light() == Scene.Light.DAY ? new Color(0xFFF6D5) : blend(p.light(), new Color(0xFF9A3C), 0.35);
    glow(g, x, y, radius * 5, alpha(p.light(), 150));
    g.setColor(core);
    g.fill(new Ellipse2D.Float(x - radius, y - radius, radius * 2, radius * 2));
  }

  private void moon(Graphics2D g) {
    float x = scene.has(SceneMotif.SUN) ? w - lightSource[0] : lightSource[0];
    float y = scene.has(SceneMotif.SUN) ? h * 0.16f : lightSource[1];
    float radius = unit * 0.075f;
    glow(g, x, y, radius * 4, new Color(220, 230, 255, 110));
    Area disc = new Area(new Ellipse2D.Float(x - radius, y - radius, radius * 2, radius * 2));
    disc.subtract(new Area(new Ellipse2D.Float(x - radius * 0.45f, y - radius * 1.1f, radius * 2, radius * 2)));
    g.setColor(new Color(0xF4F1DE));
    g.fill(disc);
  }

  private void glow(Graphics2D g, float x, float y, float radius, Color c) {
    g.setPaint(new RadialGradientPaint(x, y, radius, new float[] {0f, 1f}, new Color[] {c, alpha(c, 0)}));
    g.fill(new Ellipse2D.Float(x - radius, y - radius, radius * 2, radius * 2));
  }

  private void stars(Graphics2D g, SplittableRandom r, int count) {
    for (int i = 0; i < count; i++) {
      float x = (float) r.nextDouble() * w;
      float y = (float) Math.pow(r.nextDouble(), 1.4) * horizon * 0.95f;
      float s = unit * (0.0015f + (float) r.nextDouble() * 0.004f);
      g.setColor(new Color(255, 250, 235, 120 + r.nextInt(136)));
      g.fill(new Ellipse2D.Float(x - s, y - s, s * 2, s * 2));
    }
    for (int i = 0; i < count / 25; i++) { // a few bright ones with a cross flare
      float x = (float) r.nextDouble() * w;
      float y = (float) r.nextDouble() * horizon * 0.7f;
      float s = unit * 0.012f;
      g.setColor(new Color(255, 255, 255, 200));
      g.fill(star(x, y, s, s * 0.25f, 4));
    }
  }

  private void clouds(Graphics2D g, SplittableRandom r, int count) {
    Color base = scene.light() == Scene.Light.NIGHT ? new Color(0x3A4468)
        : scene.weather().contains(Scene.Weather.RAIN) ? new Color(0x8C939E) : blend(Color.WHITE, p.light(), 0.2);
    for (int i = 0; i < count; i++) {
      float cx = (float) r.nextDouble() * w;
      float cy = h * (0.08f + (float) r.nextDouble() * 0.3f) * (horizon / (h * 0.62f));
      float size = unit * (0.08f + (float) r.nextDouble() * 0.08f);
      g.setColor(alpha(base, 200 + r.nextInt(50)));
      for (int k = 0; k < 5; k++) {
        float ox = (k - 2) * size * 0.6f;
        float oy = -(float) Math.sin(k / 4.0 * Math.PI) * size * 0.35f;
        float rr = size * (0.5f + (float) r.nextDouble() * 0.3f);
        g.fill(new Ellipse2D.Float(cx + ox - rr, cy + oy - rr * 0.8f, rr * 2, rr * 1.6f));
      }
    }
  }

  private void rainbow(Graphics2D g) {
    Color[] bands = {new Color(0xE53935), new Color(0xFB8C00), new Color(0xFDD835), new Color(0x43A047),
      new Color(0x1E88E5), new Color(0x3949AB), new Color(0x8E24AA)};
    float cx = w * 0.5f;
    float radius = w * 0.42f;
    float band = unit * 0.018f;
    g.setStroke(new BasicStroke(band));
    for (int i = 0; i < bands.length; i++) {
      float rr = radius - i * band;
      g.setColor(alpha(bands[i], 150));
      g.draw(new Arc2D.Float(cx - rr, horizon - rr, rr * 2, rr * 2, 0, 180, Arc2D.OPEN));
    }
  }

  private void aurora(Graphics2D g, SplittableRandom r) {
    Color[] colours = {new Color(0x3DFFA2), new Color(0x7CF5D0), new Color(0xB266FF)};
    for (int band = 0; band < 3; band++) {
      double phase = r.nextDouble() * Math.PI * 2;
      float base = horizon * (0.25f + band * 0.12f);
      for (int x = 0; x < w; x += Math.max(1, w / 240)) {
        float y = base + (float) Math.sin(x / (double) w * Math.PI * 3 + phase) * horizon * 0.08f;
        float length = horizon * (0.18f + 0.08f * (float) Math.sin(x / (double) w * 11 + phase));
        g.setPaint(new GradientPaint(x, y - length, alpha(colours[band], 0), x, y, alpha(colours[band], 90)));
        g.fillRect(x, (int) (y - length), Math.max(1, w / 240), (int) length);
      }
    }
  }

  private void planet(Graphics2D g, SplittableRandom r) {
    float x = w * (0.62f + (float) r.nextDouble() * 0.2f);
    float y = h * 0.24f;
    float radius = unit * 0.14f;
    Color body = blend(p.accent2(), new Color(0xD9A066), 0.5);
    Shape disc = new Ellipse2D.Float(x - radius, y - radius, radius * 2, radius * 2);
    g.setPaint(new GradientPaint(x - radius, y - radius, body.brighter(), x + radius, y + radius, body.darker().darker()));
    g.fill(disc);
    Graphics2D bands = (Graphics2D) g.create();
    bands.clip(disc);
    for (int i = 0; i < 5; i++) {
      bands.setColor(alpha(blend(body, p.accent(), 0.3), 90));
      bands.fill(new Rectangle2D.Float(x - radius, y - radius + radius * 0.35f * i + radius * 0.15f, radius * 2, radius * 0.12f));
    }
    bands.dispose();
    g.setStroke(new BasicStroke(unit * 0.012f));
    g.setColor(alpha(new Color(0xEADBC8), 200));
    AffineTransform keep = g.getTransform();
    g.rotate(-0.35, x, y);
    g.draw(new Ellipse2D.Float(x - radius * 1.8f, y - radius * 0.42f, radius * 3.6f, radius * 0.84f));
    g.setTransform(keep);
  }

  private void galaxy(Graphics2D g, SplittableRandom r) {
    float cx = w * (0.35f + (float) r.nextDouble() * 0.3f);
    float cy = horizon * 0.45f;
    glow(g, cx, cy, unit * 0.45f, alpha(p.accent(), 90));
    glow(g, cx + unit * 0.15f, cy + unit * 0.05f, unit * 0.3f, alpha(p.accent2(), 70));
    for (int i = 0; i < 900; i++) {
      double arm = (i % 2) * Math.PI;
      double t = r.nextDouble() * 3.2;
      double angle = arm + t * 1.9 + r.nextGaussian() * 0.18;
      double dist = t * unit * 0.11;
      float x = cx + (float) (Math.cos(angle) * dist);
      float y = cy + (float) (Math.sin(angle) * dist * 0.5);
      float s = unit * 0.002f * (1 + (float) r.nextDouble() * 1.5f);
      g.setColor(new Color(255, 245, 255, 90 + r.nextInt(160)));
      g.fill(new Ellipse2D.Float(x - s, y - s, s * 2, s * 2));
    }
  }

  private void birds(Graphics2D g, SplittableRandom r) {
    Color c = scene.light() == Scene.Light.NIGHT ? new Color(0xD8DCF0) : new Color(0x22242A);
    g.setColor(c);
    g.setStroke(new BasicStroke(unit * 0.006f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    float fx = w * (0.2f + (float) r.nextDouble() * 0.5f);
    float fy = horizon * 0.3f;
    for (int i = 0; i < 7; i++) {
      float x = fx + (float) r.nextGaussian() * unit * 0.12f;
      float y = fy + (float) r.nextGaussian() * unit * 0.06f;
      float s = unit * (0.025f + (float) r.nextDouble() * 0.02f);
      Path2D.Float bird = new Path2D.Float();
      bird.moveTo(x - s, y - s * 0.3f);
      bird.quadTo(x - s * 0.5f, y - s * 0.6f, x, y);
      bird.quadTo(x + s * 0.5f, y - s * 0.6f, x + s, y - s * 0.3f);
      g.draw(bird);
    }
  }

  // ---------------------------------------------------------------- far

  private void far(Graphics2D g, SplittableRandom r) {
    for (SceneMotif m : scene.motifs()) {
      switch (m) {
        case MOUNTAINS -> mountains(g, r);
        case VOLCANO -> volcano(g, r);
        case CITY -> city(g, r);
        case CASTLE -> castle(g, r);
        case PAGODA -> pagoda(g, r);
        default -> { }
      }
    }
  }

  private void mountains(Graphics2D g, SplittableRandom r) {
    for (int range = 0; range < 2; range++) {
      Color c = range == 0 ? blend(p.far(), p.skyBottom(), 0.35) : p.far();
      Path2D.Float ridge = new Path2D.Float();
      ridge.moveTo(0, horizon + 2);
      int peaks = 4 + r.nextInt(3);
      List<float[]> tops = new ArrayList<>();
      for (int i = 0; i <= peaks * 2; i++) {
        float x = w * i / (float) (peaks * 2);
        boolean peak = i % 2 == 1;
        float y = peak ? horizon - unit * (0.16f + (float) r.nextDouble() * 0.2f) * (range == 0 ? 1.2f : 0.8f)
            : horizon - unit * (0.03f + (float) r.nextDouble() * 0.06f);
        ridge.lineTo(x, y);
        if (peak) {
          tops.add(new float[] {x, y});
        }
      }
      ridge.lineTo(w, horizon + 2);
      ridge.closePath();
      g.setColor(c);
      g.fill(ridge);
      if (range == 0 || scene.weather().contains(Scene.Weather.SNOW)) {
        g.setColor(alpha(blend(Color.WHITE, p.light(), 0.15), 225));
        for (float[] top : tops) {
          float s = unit * 0.045f;
          Path2D.Float cap = new Path2D.Float();
          cap.moveTo(top[0], top[1]);
          cap.lineTo(top[0] + s, top[1] + s * 1.1f);
          cap.lineTo(top[0] + s * 0.3f, top[1] + s * 0.8f);
          cap.lineTo(top[0] - s * 0.2f, top[1] + s * 1.2f);
          cap.lineTo(top[0] - s, top[1] + s * 1.1f);
          cap.closePath();
          g.fill(cap);
        }
      }
    }
  }

  private void volcano(Graphics2D g, SplittableRandom r) {
    float cx = w * (0.4f + (float) r.nextDouble() * 0.2f);
    float top = horizon - unit * 0.32f;
    Path2D.Float cone = new Path2D.Float();
    cone.moveTo(cx - unit * 0.5f, horizon + 2);
    cone.lineTo(cx - unit * 0.06f, top);
    cone.lineTo(cx + unit * 0.06f, top);
    cone.lineTo(cx + unit * 0.5f, horizon + 2);
    cone.closePath();
    g.setColor(blend(p.far(), new Color(0x2B1B17), 0.6));
    g.fill(cone);
    glow(g, cx, top, unit * 0.16f, new Color(255, 110, 30, 190));
    g.setColor(new Color(0xFF5A1F));
    g.setStroke(new BasicStroke(unit * 0.008f));
    Path2D.Float lava = new Path2D.Float();
    lava.moveTo(cx, top);
    lava.quadTo(cx + unit * 0.05f, top + unit * 0.12f, cx + unit * 0.02f, horizon);
    g.draw(lava);
    for (int i = 0; i < 6; i++) {
      float s = unit * (0.05f + i * 0.02f);
      g.setColor(new Color(90, 85, 90, 120 - i * 12));
      g.fill(new Ellipse2D.Float(cx - s + i * unit * 0.03f, top - unit * 0.06f - i * unit * 0.05f - s, s * 2, s * 2));
    }
  }

  private void city(Graphics2D g, SplittableRandom r) {
    boolean night = scene.light() != Scene.Light.DAY || scene.styled(ImageStyle.NEON);
    Color body = night ? blend(p.far(), Color.BLACK, 0.45) : blend(p.far(), new Color(0x5A6478), 0.5);
    float x = 0;
    while (x < w) {
      float bw = unit * (0.05f + (float) r.nextDouble() * 0.07f);
      float bh = unit * (0.12f + (float) Math.pow(r.nextDouble(), 1.5) * 0.38f);
      float top = horizon - bh;
      g.setColor(blend(body, p.skyBottom(), r.nextDouble() * 0.2));
      g.fill(new Rectangle2D.Float(x, top, bw, bh + 2));
      if (r.nextInt(5) == 0) { // an antenna
        g.fill(new Rectangle2D.Float(x + bw / 2 - unit * 0.002f, top - unit * 0.04f, unit * 0.004f, unit * 0.04f));
      }
      Color lit = night ? (scene.styled(ImageStyle.NEON) ? p.accent() : new Color(0xFFD76A)) : alpha(p.skyBottom(), 160);
      float cell = unit * 0.014f;
      for (float wy = top + cell; wy < horizon - cell; wy += cell * 1.8f) {
        for (float wx = x + cell * 0.6f; wx < x + bw - cell; wx += cell * 1.6f) {
          if (r.nextInt(night ? 3 : 2) == 0) {
            g.setColor(lit);
            g.fill(new Rectangle2D.Float(wx, wy, cell * 0.8f, cell));
          }
        }
      }
      x += bw + unit * 0.004f;
    }
  }

  private void castle(Graphics2D g, SplittableRandom r) {
    float cx = w * (0.55f + (float) r.nextDouble() * 0.2f);
    float s = unit * 0.16f;
    Color c = blend(p.far(), Color.BLACK, 0.2);
    g.setColor(c);
    g.fill(new Rectangle2D.Float(cx - s, horizon - s * 0.9f, s * 2, s * 0.9f + 2));
    for (int i = -1; i <= 1; i++) {
      float tx = cx + i * s;
      float th = s * (i == 0 ? 1.9f : 1.4f);
      float tw = s * 0.32f;
      g.setColor(c);
      g.fill(new Rectangle2D.Float(tx - tw / 2, horizon - th, tw, th));
      Path2D.Float roof = new Path2D.Float();
      roof.moveTo(tx - tw * 0.7f, horizon - th);
      roof.lineTo(tx, horizon - th - tw * 1.4f);
      roof.lineTo(tx + tw * 0.7f, horizon - th);
      roof.closePath();
      g.setColor(blend(p.accent(), c, 0.4));
      g.fill(roof);
      g.setColor(new Color(0xFFD76A));
      g.fill(new Rectangle2D.Float(tx - tw * 0.12f, horizon - th * 0.7f, tw * 0.24f, tw * 0.35f));
    }
    g.setColor(c);
    for (float bx = cx - s; bx < cx + s; bx += s * 0.2f) {
      g.fill(new Rectangle2D.Float(bx, horizon - s * 1.0f, s * 0.1f, s * 0.12f));
    }
  }

  private void pagoda(Graphics2D g, SplittableRandom r) {
    float cx = w * (0.25f + (float) r.nextDouble() * 0.2f);
    float s = unit * 0.09f;
    float y = horizon;
    Color wall = blend(new Color(0x8E2A20), p.far(), 0.35);
    Color roof = blend(new Color(0x2F3B3A), p.far(), 0.3);
    for (int tier = 0; tier < 5; tier++) {
      float tw = s * (1.3f - tier * 0.18f);
      float th = s * 0.55f;
      g.setColor(wall);
      g.fill(new Rectangle2D.Float(cx - tw / 2, y - th, tw, th + 1));
      Path2D.Float eave = new Path2D.Float();
      float ew = tw * 1.45f;
      eave.moveTo(cx - ew / 2 - s * 0.15f, y - th - s * 0.12f);
      eave.quadTo(cx - ew / 2, y - th + s * 0.02f, cx - ew / 2 + s * 0.1f, y - th + s * 0.02f);
      eave.lineTo(cx + ew / 2 - s * 0.1f, y - th + s * 0.02f);
      eave.quadTo(cx + ew / 2, y - th + s * 0.02f, cx + ew / 2 + s * 0.15f, y - th - s * 0.12f);
      eave.lineTo(cx, y - th - s * 0.3f);
      eave.closePath();
      g.setColor(roof);
      g.fill(eave);
      y -= th + s * 0.12f;
    }
    g.fill(new Rectangle2D.Float(cx - s * 0.03f, y - s * 0.5f, s * 0.06f, s * 0.5f));
  }

  // ---------------------------------------------------------------- middle ground

  private void mid(Graphics2D g, SplittableRandom r) {
    if (!abstractOnly()) {
      ground(g, r);
    }
    for (SceneMotif m : scene.motifs()) {
      switch (m) {
        case LAKE -> lake(g);
        case WATERFALL -> waterfall(g, r);
        case FOREST -> forest(g, r);
        case ROAD -> road(g);
        case BRIDGE -> bridge(g);
        case HOUSE -> house(g, r);
        case LIGHTHOUSE -> lighthouse(g, r);
        case BOAT -> boat(g, r);
        case WHALE -> whale(g, r);
        case CIRCLES -> circles(g, r);
        case GEOMETRIC -> geometric(g, r);
        case SWIRL -> swirl(g, r);
        case STRIPES -> stripes(g, r);
        default -> { }
      }
    }
    if (scene.has(SceneMotif.BEACH)) {
      beach(g, r);
    }
  }

  private boolean seaScene() {
    return scene.has(SceneMotif.SEA) || scene.has(SceneMotif.BEACH) || scene.has(SceneMotif.WHALE)
        || scene.has(SceneMotif.BOAT) || scene.has(SceneMotif.LIGHTHOUSE);
  }

  private void ground(Graphics2D g, SplittableRandom r) {
    if (seaScene()) {
      sea(g, r);
    } else if (scene.has(SceneMotif.DESERT)) {
      dunes(g, r);
    } else if (scene.has(SceneMotif.CITY) && !scene.has(SceneMotif.HILLS)) {
      g.setPaint(new GradientPaint(0, horizon, blend(p.near(), Color.BLACK, 0.3), 0, h, blend(p.near(), Color.BLACK, 0.6)));
      g.fill(new Rectangle2D.Float(0, horizon, w, h - horizon));
    } else {
      hills(g, r);
    }
  }

  private void sea(Graphics2D g, SplittableRandom r) {
    Color water = blend(new Color(0x1F5F8B), p.skyTop(), 0.45);
    g.setPaint(new GradientPaint(0, horizon, blend(water, p.skyBottom(), 0.45), 0, h, blend(water, Color.BLACK, 0.35)));
    g.fill(new Rectangle2D.Float(0, horizon, w, h - horizon));
    g.setStroke(new BasicStroke(Math.max(1f, unit * 0.0025f)));
    for (int i = 0; i < 70; i++) {
      float t = (float) r.nextDouble();
      float y = horizon + (h - horizon) * t * t;
      float len = unit * (0.02f + t * 0.12f);
      float x = (float) r.nextDouble() * w;
      g.setColor(alpha(blend(Color.WHITE, p.light(), 0.3), 60 + (int) (t * 90)));
      g.draw(new Path2D.Float(new java.awt.geom.Line2D.Float(x, y, x + len, y)));
    }
    if (lightSource != null) { // the light's path on the water
      float lx = lightSource[0];
      for (int i = 0; i < 40; i++) {
        float t = i / 40f;
        float y = horizon + (h - horizon) * t;
        float half = unit * (0.02f + t * 0.1f) * (0.6f + (float) r.nextDouble() * 0.8f);
        g.setColor(alpha(p.light(), (int) (150 * (1 - t * 0.6f))));
        g.fill(new Rectangle2D.Float(lx - half, y, half * 2, Math.max(1, unit * 0.004f)));
      }
    }
  }

  private void dunes(Graphics2D g, SplittableRandom r) {
    for (int layer = 0; layer < 3; layer++) {
      float base = horizon + (h - horizon) * layer * 0.3f;
      Path2D.Float dune = new Path2D.Float();
      dune.moveTo(0, h);
      dune.lineTo(0, base);
      float x0 = 0;
      while (x0 < w) {
        float span = unit * (0.3f + (float) r.nextDouble() * 0.4f);
        dune.quadTo(x0 + span / 2, base - unit * (0.04f + (float) r.nextDouble() * 0.06f), x0 + span, base);
        x0 += span;
      }
      dune.lineTo(w, h);
      dune.closePath();
      g.setColor(blend(p.mid(), p.near(), layer * 0.35));
      g.fill(dune);
    }
    if (scene.has(SceneMotif.DESERT)) { // a saguaro
      float x = w * (0.7f + (float) r.nextDouble() * 0.15f);
      float base = horizon + (h - horizon) * 0.7f;
      float s = unit * 0.2f;
      g.setColor(blend(new Color(0x3E7B3A), p.near(), 0.4));
      g.fill(new RoundRectangle2D.Float(x - s * 0.08f, base - s, s * 0.16f, s, s * 0.16f, s * 0.16f));
      g.fill(new RoundRectangle2D.Float(x - s * 0.35f, base - s * 0.7f, s * 0.12f, s * 0.35f, s * 0.12f, s * 0.12f));
      g.fill(new Rectangle2D.Float(x - s * 0.35f, base - s * 0.42f, s * 0.3f, s * 0.1f));
      g.fill(new RoundRectangle2D.Float(x + s * 0.22f, base - s * 0.8f, s * 0.12f, s * 0.4f, s * 0.12f, s * 0.12f));
      g.fill(new Rectangle2D.Float(x + s * 0.05f, base - s * 0.5f, s * 0.29f, s * 0.1f));
    }
  }

  private void hills(Graphics2D g, SplittableRandom r) {
    for (int layer = 0; layer < 3; layer++) {
      float base = horizon + (h - horizon) * layer * 0.28f;
      Path2D.Float hill = new Path2D.Float();
      hill.moveTo(0, h);
      hill.lineTo(0, base + unit * 0.02f);
      int bumps = 2 + r.nextInt(3);
      for (int i = 1; i <= bumps; i++) {
        float x = w * i / (float) bumps;
        hill.quadTo(x - w / (2f * bumps), base - unit * (0.03f + (float) r.nextDouble() * 0.08f), x, base + (float) r.nextDouble() * unit * 0.03f);
      }
      hill.lineTo(w, h);
      hill.closePath();
      Color c = blend(p.mid(), p.near(), layer * 0.4);
      if (scene.weather().contains(Scene.Weather.SNOW)) {
        c = blend(c, new Color(0xEEF2F8), 0.75 - layer * 0.1);
      }
      g.setPaint(new GradientPaint(0, base - unit * 0.1f, c.brighter(), 0, h, c.darker()));
      g.fill(hill);
    }
  }

  private void beach(Graphics2D g, SplittableRandom r) {
    Path2D.Float sand = new Path2D.Float();
    float top = horizon + (h - horizon) * 0.55f;
    sand.moveTo(0, h);
    sand.lineTo(0, top + unit * 0.06f);
    sand.quadTo(w * 0.45f, top - unit * 0.04f, w, top + unit * 0.1f);
    sand.lineTo(w, h);
    sand.closePath();
    Color c = blend(new Color(0xE9D3A1), p.light(), 0.2);
    g.setPaint(new GradientPaint(0, top, c, 0, h, c.darker()));
    g.fill(sand);
    g.setColor(alpha(Color.WHITE, 150));
    g.setStroke(new BasicStroke(unit * 0.006f));
    Path2D.Float foam = new Path2D.Float();
    foam.moveTo(0, top + unit * 0.06f);
    foam.quadTo(w * 0.45f, top - unit * 0.04f, w, top + unit * 0.1f);
    g.draw(foam);
  }

  private void lake(Graphics2D g) {
    float cy = horizon + (h - horizon) * 0.35f;
    Shape water = new Ellipse2D.Float(w * 0.12f, cy - (h - horizon) * 0.2f, w * 0.76f, (h - horizon) * 0.4f);
    g.setPaint(new GradientPaint(0, cy - unit * 0.1f, blend(p.skyBottom(), new Color(0x2A6F97), 0.4), 0, cy + unit * 0.1f,
        blend(p.skyTop(), new Color(0x14394F), 0.5)));
    g.fill(water);
    if (lightSource != null) {
      g.setColor(alpha(p.light(), 110));
      g.fill(new Rectangle2D.Float(lightSource[0] - unit * 0.03f, cy - (h - horizon) * 0.18f, unit * 0.06f, (h - horizon) * 0.36f));
    }
  }

  private void waterfall(Graphics2D g, SplittableRandom r) {
    float x = w * (0.45f + (float) r.nextDouble() * 0.1f);
    float top = horizon - unit * 0.3f;
    float bw = unit * 0.09f;
    g.setColor(blend(p.far(), Color.BLACK, 0.3));
    g.fill(new Rectangle2D.Float(x - bw * 2.5f, top, bw * 1.6f, horizon - top + unit * 0.05f));
    g.fill(new Rectangle2D.Float(x + bw * 0.9f, top, bw * 1.6f, horizon - top + unit * 0.05f));
    g.setPaint(new GradientPaint(x, top, new Color(0xDDF3FF), x, horizon, new Color(0x8FC9E8)));
    g.fill(new Rectangle2D.Float(x - bw * 0.9f, top, bw * 1.8f, horizon - top + unit * 0.05f));
    for (int i = 0; i < 14; i++) {
      float s = unit * (0.02f + (float) r.nextDouble() * 0.04f);
      g.setColor(new Color(255, 255, 255, 120));
      g.fill(new Ellipse2D.Float(x + (float) r.nextGaussian() * bw - s, horizon + unit * 0.03f - s, s * 2, s * 2));
    }
  }

  private void forest(Graphics2D g, SplittableRandom r) {
    for (int row = 0; row < 3; row++) {
      Color c = blend(blend(p.mid(), new Color(0x1E4D2B), 0.5), Color.BLACK, 0.15 + row * 0.2);
      float base = horizon + (h - horizon) * row * 0.12f + unit * 0.01f;
      float x = -unit * 0.05f + (float) r.nextDouble() * unit * 0.05f;
      while (x < w + unit * 0.05f) {
        float th = unit * (0.12f + (float) r.nextDouble() * 0.1f) * (1 + row * 0.35f);
        conifer(g, x, base, th, c);
        x += th * (0.25f + (float) r.nextDouble() * 0.15f);
      }
    }
  }

  private static void conifer(Graphics2D g, float x, float base, float height, Color c) {
    g.setColor(c);
    for (int tier = 0; tier < 3; tier++) {
      float tw = height * (0.42f - tier * 0.1f);
      float ty = base - height * (0.15f + tier * 0.27f);
      Path2D.Float t = new Path2D.Float();
      t.moveTo(x - tw, ty + height * 0.1f);
      t.lineTo(x, ty - height * 0.4f);
      t.lineTo(x + tw, ty + height * 0.1f);
      t.closePath();
      g.fill(t);
    }
    g.fill(new Rectangle2D.Float(x - height * 0.03f, base - height * 0.12f, height * 0.06f, height * 0.12f));
  }

  private void road(Graphics2D g) {
    float vx = w * 0.5f;
    Path2D.Float road = new Path2D.Float();
    road.moveTo(vx - unit * 0.01f, horizon);
    road.lineTo(vx + unit * 0.01f, horizon);
    road.lineTo(w * 0.85f, h);
    road.lineTo(w * 0.15f, h);
    road.closePath();
    g.setColor(new Color(0x3A3D42));
    g.fill(road);
    g.setColor(new Color(0xF2D16B));
    for (int i = 0; i < 12; i++) {
      float t0 = (float) Math.pow(i / 12.0, 2);
      float t1 = (float) Math.pow((i + 0.5) / 12.0, 2);
      float y0 = horizon + (h - horizon) * t0;
      float y1 = horizon + (h - horizon) * t1;
      float w0 = unit * (0.002f + t0 * 0.012f);
      float w1 = unit * (0.002f + t1 * 0.012f);
      Path2D.Float dash = new Path2D.Float();
      dash.moveTo(vx - w0, y0);
      dash.lineTo(vx + w0, y0);
      dash.lineTo(vx + w1, y1);
      dash.lineTo(vx - w1, y1);
      dash.closePath();
      g.fill(dash);
    }
  }

  private void bridge(Graphics2D g) {
    float deck = horizon + (h - horizon) * 0.15f;
    Color c = blend(p.far(), new Color(0x7A3B2E), 0.5);
    g.setColor(c);
    g.fill(new Rectangle2D.Float(0, deck - unit * 0.02f, w, unit * 0.025f));
    g.setStroke(new BasicStroke(unit * 0.01f));
    for (int i = 0; i < 3; i++) {
      float x = w * (0.05f + i * 0.3f);
      g.draw(new Arc2D.Float(x, deck - unit * 0.01f, w * 0.3f, unit * 0.22f, 0, 180, Arc2D.OPEN));
    }
    for (float x = 0; x < w; x += unit * 0.04f) {
      g.fill(new Rectangle2D.Float(x, deck - unit * 0.05f, unit * 0.006f, unit * 0.03f));
    }
  }

  private void house(Graphics2D g, SplittableRandom r) {
    float x = w * (0.6f + (float) r.nextDouble() * 0.2f);
    float base = horizon + (h - horizon) * 0.3f;
    float s = unit * 0.14f;
    g.setColor(blend(new Color(0xC9A27E), p.mid(), 0.3));
    g.fill(new Rectangle2D.Float(x - s / 2, base - s * 0.7f, s, s * 0.7f));
    Path2D.Float roof = new Path2D.Float();
    roof.moveTo(x - s * 0.62f, base - s * 0.68f);
    roof.lineTo(x, base - s * 1.15f);
    roof.lineTo(x + s * 0.62f, base - s * 0.68f);
    roof.closePath();
    g.setColor(blend(new Color(0x8E3B2F), p.accent(), 0.2));
    g.fill(roof);
    g.fill(new Rectangle2D.Float(x + s * 0.2f, base - s * 1.1f, s * 0.1f, s * 0.25f));
    g.setColor(new Color(0x4A2E20));
    g.fill(new Rectangle2D.Float(x - s * 0.08f, base - s * 0.35f, s * 0.16f, s * 0.35f));
    g.setColor(scene.light() == Scene.Light.DAY ? new Color(0x9BC4E2) : new Color(0xFFD76A));
    g.fill(new Rectangle2D.Float(x - s * 0.38f, base - s * 0.55f, s * 0.18f, s * 0.16f));
    g.fill(new Rectangle2D.Float(x + s * 0.2f, base - s * 0.55f, s * 0.18f, s * 0.16f));
  }

  private void lighthouse(Graphics2D g, SplittableRandom r) {
    float x = w * (0.15f + (float) r.nextDouble() * 0.15f);
    float base = horizon + (h - horizon) * 0.35f;
    float height = unit * 0.42f;
    float bw = unit * 0.06f;
    Path2D.Float tower = new Path2D.Float();
    tower.moveTo(x - bw, base);
    tower.lineTo(x - bw * 0.6f, base - height);
    tower.lineTo(x + bw * 0.6f, base - height);
    tower.lineTo(x + bw, base);
    tower.closePath();
    g.setColor(new Color(0xF4F1EA));
    g.fill(tower);
    Graphics2D stripes = (Graphics2D) g.create();
    stripes.clip(tower);
    stripes.setColor(new Color(0xC62828));
    for (int i = 0; i < 4; i++) {
      stripes.fill(new Rectangle2D.Float(x - bw, base - height * (0.15f + i * 0.22f), bw * 2, height * 0.1f));
    }
    stripes.dispose();
    g.setColor(new Color(0x2B2B2B));
    g.fill(new Rectangle2D.Float(x - bw * 0.7f, base - height - bw * 0.9f, bw * 1.4f, bw * 0.9f));
    g.setColor(new Color(0xFFE9A0));
    g.fill(new Rectangle2D.Float(x - bw * 0.5f, base - height - bw * 0.75f, bw, bw * 0.6f));
    if (scene.light() != Scene.Light.DAY) {
      Path2D.Float beam = new Path2D.Float();
      beam.moveTo(x, base - height - bw * 0.45f);
      beam.lineTo(w, base - height - unit * 0.15f);
      beam.lineTo(w, base - height + unit * 0.08f);
      beam.closePath();
      g.setPaint(new GradientPaint(x, 0, new Color(255, 240, 180, 130), w, 0, new Color(255, 240, 180, 0)));
      g.fill(beam);
    }
    g.setColor(blend(p.near(), Color.BLACK, 0.4));
    g.fill(new Ellipse2D.Float(x - bw * 3, base - bw * 0.4f, bw * 6, bw * 1.4f));
  }

  private void boat(Graphics2D g, SplittableRandom r) {
    float x = w * (0.55f + (float) r.nextDouble() * 0.25f);
    float y = horizon + (h - horizon) * 0.25f;
    float s = unit * 0.12f;
    Path2D.Float hull = new Path2D.Float();
    hull.moveTo(x - s, y);
    hull.lineTo(x + s, y);
    hull.lineTo(x + s * 0.7f, y + s * 0.25f);
    hull.lineTo(x - s * 0.75f, y + s * 0.25f);
    hull.closePath();
    g.setColor(new Color(0x5B3A29));
    g.fill(hull);
    g.fill(new Rectangle2D.Float(x - s * 0.02f, y - s * 1.3f, s * 0.04f, s * 1.3f));
    Path2D.Float sail = new Path2D.Float();
    sail.moveTo(x + s * 0.05f, y - s * 1.25f);
    sail.lineTo(x + s * 0.8f, y - s * 0.1f);
    sail.lineTo(x + s * 0.05f, y - s * 0.1f);
    sail.closePath();
    g.setColor(blend(new Color(0xF5F0E6), p.light(), 0.2));
    g.fill(sail);
    Path2D.Float jib = new Path2D.Float();
    jib.moveTo(x - s * 0.05f, y - s * 1.1f);
    jib.lineTo(x - s * 0.6f, y - s * 0.1f);
    jib.lineTo(x - s * 0.05f, y - s * 0.1f);
    jib.closePath();
    g.setColor(blend(p.accent(), Color.WHITE, 0.3));
    g.fill(jib);
  }

  private void whale(Graphics2D g, SplittableRandom r) {
    float x = w * (0.3f + (float) r.nextDouble() * 0.3f);
    float y = horizon + (h - horizon) * 0.45f;
    float s = unit * 0.13f;
    Color c = new Color(0x2E3F55);
    g.setColor(c);
    g.fill(new Ellipse2D.Float(x - s * 1.4f, y - s * 0.25f, s * 2.8f, s * 0.5f));
    Path2D.Float tail = new Path2D.Float();
    tail.moveTo(x + s * 1.2f, y);
    tail.quadTo(x + s * 1.5f, y - s * 0.4f, x + s * 1.5f, y - s * 0.9f);
    tail.quadTo(x + s * 1.75f, y - s * 0.75f, x + s * 2.1f, y - s * 0.9f);
    tail.quadTo(x + s * 1.8f, y - s * 0.4f, x + s * 1.45f, y + s * 0.1f);
    tail.closePath();
    g.fill(tail);
    g.setColor(new Color(255, 255, 255, 170));
    for (int i = 0; i < 8; i++) {
      float a = (float) (Math.PI * (0.15 + i * 0.1));
      float d = s * 0.5f;
      float px = x - s * 0.9f + (float) Math.cos(a) * d * 0.6f;
      float py = y - s * 0.3f - (float) Math.sin(a) * d;
      g.fill(new Ellipse2D.Float(px - s * 0.05f, py - s * 0.05f, s * 0.1f, s * 0.1f));
    }
  }

  private void circles(Graphics2D g, SplittableRandom r) {
    for (int i = 0; i < 26; i++) {
      float s = unit * (0.03f + (float) r.nextDouble() * 0.16f);
      float x = (float) r.nextDouble() * w;
      float y = (float) r.nextDouble() * h;
      Color c = i % 3 == 0 ? p.accent() : i % 3 == 1 ? p.accent2() : p.light();
      g.setColor(alpha(c, 70 + r.nextInt(110)));
      g.fill(new Ellipse2D.Float(x - s, y - s, s * 2, s * 2));
    }
  }

  private void geometric(Graphics2D g, SplittableRandom r) {
    for (int i = 0; i < 18; i++) {
      int sides = 3 + r.nextInt(4);
      float s = unit * (0.06f + (float) r.nextDouble() * 0.2f);
      float x = (float) r.nextDouble() * w;
      float y = (float) r.nextDouble() * h;
      double turn = r.nextDouble() * Math.PI;
      Path2D.Float poly = new Path2D.Float();
      for (int k = 0; k < sides; k++) {
        double a = turn + k * 2 * Math.PI / sides;
        float px = x + (float) Math.cos(a) * s;
        float py = y + (float) Math.sin(a) * s;
        if (k == 0) {
          poly.moveTo(px, py);
        } else {
          poly.lineTo(px, py);
        }
      }
      poly.closePath();
      g.setColor(alpha(i % 2 == 0 ? p.accent() : p.accent2(), 90 + r.nextInt(120)));
      g.fill(poly);
    }
  }

  private void swirl(Graphics2D g, SplittableRandom r) {
    float cx = w * 0.5f;
    float cy = h * 0.5f;
    g.setStroke(new BasicStroke(unit * 0.012f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int arm = 0; arm < 5; arm++) {
      Path2D.Float s = new Path2D.Float();
      double offset = arm * 2 * Math.PI / 5 + r.nextDouble() * 0.2;
      for (int i = 0; i <= 200; i++) {
        double t = i / 200.0;
        double a = offset + t * Math.PI * 4;
        double d = t * unit * 0.6;
        float x = cx + (float) (Math.cos(a) * d);
        float y = cy + (float) (Math.sin(a) * d);
        if (i == 0) {
          s.moveTo(x, y);
        } else {
          s.lineTo(x, y);
        }
      }
      g.setColor(alpha(arm % 2 == 0 ? p.accent() : p.accent2(), 170));
      g.draw(s);
    }
  }

  private void stripes(Graphics2D g, SplittableRandom r) {
    Graphics2D s = (Graphics2D) g.create();
    s.rotate(Math.toRadians(-25 + r.nextInt(50)), w / 2.0, h / 2.0);
    for (int i = 0; i < 9; i++) {
      float y = (float) (r.nextDouble() * h * 1.4 - h * 0.2);
      s.setColor(alpha(i % 2 == 0 ? p.accent() : p.accent2(), 110 + r.nextInt(100)));
      s.fill(new Rectangle2D.Float(-w * 0.5f, y, w * 2f, unit * (0.01f + (float) r.nextDouble() * 0.06f)));
    }
    s.dispose();
  }

  // ---------------------------------------------------------------- near: the subjects

  /** Where subject {@code i} of {@code n} stands: centre x, the ground line under it, its height. */
  private float[] slot(int i, SplittableRandom r) {
    float ground = horizon + (h - horizon) * 0.78f;
    float main = switch (scene.composition()) {
      case CLOSE_UP -> unit * 0.62f;
      case CENTRED -> unit * 0.38f;
      case WIDE -> unit * 0.2f;
      case AERIAL -> unit * 0.22f;
      case BALANCED -> unit * 0.34f;
    };
    if (i == 0) {
      float x = switch (scene.composition()) {
        case CENTRED, CLOSE_UP -> w * 0.5f;
        default -> w * (r.nextBoolean() ? 1 / 3f : 2 / 3f);
      };
      return new float[] {x, scene.composition() == Scene.Composition.CLOSE_UP ? h * 0.98f : ground, main};
    }
    float x = w * (0.12f + (float) ((i * 0.37 + r.nextDouble() * 0.12) % 0.76));
    return new float[] {x, ground + (h - ground) * 0.3f * (float) r.nextDouble(), main * (0.45f + (float) r.nextDouble() * 0.2f)};
  }

  private void near(Graphics2D g, SplittableRandom r) {
    int subject = 0;
    for (SceneMotif m : scene.motifs()) {
      if (m.layer() != SceneMotif.Layer.NEAR) {
        continue;
      }
      switch (m) {
        case GRASS -> grass(g, r);
        case FLOWERS -> flowers(g, r);
        case SAKURA -> sakura(g, r);
        default -> {
          float[] at = slot(subject++, r);
          switch (m) {
            case TREE -> tree(g, at[0], at[1], at[2] * 1.6f);
            case PALM -> palm(g, at[0], at[1], at[2] * 1.7f);
            case CAT -> cat(g, at[0], at[1], at[2]);
            case DOG -> dog(g, at[0], at[1], at[2]);
            case FISH -> fish(g, at[0], at[1] - at[2] * 0.6f, at[2], r);
            case BUTTERFLY -> butterfly(g, at[0], at[1] - at[2] * 0.9f, at[2] * 0.7f);
            case DEER -> deer(g, at[0], at[1], at[2]);
            case HORSE -> horse(g, at[0], at[1], at[2]);
            case PORTRAIT -> portrait(g, at[0], at[1], at[2] * 1.3f);
            case FIRE -> fire(g, at[0], at[1], at[2] * 0.6f);
            case LANTERN -> lanterns(g, at[0], at[2], r);
            case HEART -> heart(g, at[0], at[1] - at[2] * 0.55f, at[2] * 0.9f);
            default -> { }
          }
        }
      }
    }
  }

  private Color silhouette() {
    return scene.light() == Scene.Light.DAY && !scene.styled(ImageStyle.NEON)
        ? blend(p.near(), new Color(0x3B2F2A), 0.5) : blend(p.near(), Color.BLACK, 0.6);
  }

  private void tree(Graphics2D g, float x, float base, float height) {
    g.setColor(new Color(0x5A3E2B));
    g.fill(new Rectangle2D.Float(x - height * 0.04f, base - height * 0.5f, height * 0.08f, height * 0.5f));
    Color leaves = blend(new Color(0x2F7D32), p.mid(), 0.35);
    float[][] puffs = {{0, -0.62f, 0.26f}, {-0.18f, -0.5f, 0.2f}, {0.18f, -0.52f, 0.21f}, {0, -0.82f, 0.2f}, {-0.1f, -0.7f, 0.2f}, {0.12f, -0.72f, 0.2f}};
    for (int i = 0; i < puffs.length; i++) {
      float[] pf = puffs[i];
      float rr = height * pf[2];
      g.setColor(i < 3 ? leaves.darker() : leaves);
      g.fill(new Ellipse2D.Float(x + pf[0] * height - rr, base + pf[1] * height - rr, rr * 2, rr * 2));
    }
  }

  private void palm(Graphics2D g, float x, float base, float height) {
    g.setColor(new Color(0x6D4C33));
    g.setStroke(new BasicStroke(height * 0.05f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D.Float trunk = new Path2D.Float();
    float tx = x + height * 0.18f;
    float ty = base - height;
    trunk.moveTo(x, base);
    trunk.quadTo(x + height * 0.02f, base - height * 0.6f, tx, ty);
    g.draw(trunk);
    g.setColor(blend(new Color(0x2E7D32), silhouette(), scene.light() == Scene.Light.DAY ? 0.1 : 0.7));
    g.setStroke(new BasicStroke(height * 0.03f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 0; i < 7; i++) {
      double a = Math.PI * (0.05 + i * 0.15);
      float ex = tx + (float) Math.cos(a + Math.PI) * height * 0.4f * (i % 2 == 0 ? 1 : 0.8f);
      float ey = ty + height * 0.12f - (float) Math.sin(a) * height * 0.1f;
      Path2D.Float frond = new Path2D.Float();
      frond.moveTo(tx, ty);
      frond.quadTo((tx + ex) / 2, ty - height * 0.12f, ex, ey);
      g.draw(frond);
    }
  }

  private void grass(Graphics2D g, SplittableRandom r) {
    Color c = blend(new Color(0x3E8E41), p.near(), 0.4);
    g.setStroke(new BasicStroke(Math.max(1f, unit * 0.004f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 0; i < 260; i++) {
      float x = (float) r.nextDouble() * w;
      float base = h - (float) r.nextDouble() * unit * 0.05f;
      float len = unit * (0.05f + (float) r.nextDouble() * 0.1f);
      Path2D.Float blade = new Path2D.Float();
      blade.moveTo(x, base);
      blade.quadTo(x + (float) r.nextGaussian() * len * 0.2f, base - len * 0.6f, x + (float) r.nextGaussian() * len * 0.35f, base - len);
      g.setColor(blend(c, Color.BLACK, r.nextDouble() * 0.35));
      g.draw(blade);
    }
  }

  private void flowers(Graphics2D g, SplittableRandom r) {
    int count = scene.composition() == Scene.Composition.CLOSE_UP ? 5 : 22;
    for (int i = 0; i < count; i++) {
      float x = (float) r.nextDouble() * w;
      float base = h - (float) r.nextDouble() * (h - horizon) * 0.35f;
      float s = unit * (count < 10 ? 0.09f : 0.03f) * (0.7f + (float) r.nextDouble() * 0.6f);
      g.setColor(blend(new Color(0x2E7D32), p.near(), 0.3));
      g.setStroke(new BasicStroke(Math.max(1f, s * 0.15f)));
      g.draw(new java.awt.geom.Line2D.Float(x, base, x, base - s * 3));
      Color petal = i % 3 == 2 ? p.accent2() : p.accent();
      AffineTransform keep = g.getTransform();
      for (int k = 0; k < 6; k++) {
        g.setTransform(keep);
        g.rotate(k * Math.PI / 3, x, base - s * 3);
        g.setColor(petal);
        g.fill(new Ellipse2D.Float(x - s * 0.35f, base - s * 3 - s * 1.1f, s * 0.7f, s * 1.1f));
      }
      g.setTransform(keep);
      g.setColor(new Color(0xFFC93C));
      g.fill(new Ellipse2D.Float(x - s * 0.3f, base - s * 3.3f, s * 0.6f, s * 0.6f));
    }
  }

  private void sakura(Graphics2D g, SplittableRandom r) {
    g.setColor(new Color(0x3E2A22));
    g.setStroke(new BasicStroke(unit * 0.02f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D.Float branch = new Path2D.Float();
    branch.moveTo(0, h * 0.08f);
    branch.quadTo(w * 0.25f, h * 0.15f, w * 0.45f, h * 0.1f);
    branch.moveTo(w * 0.2f, h * 0.13f);
    branch.quadTo(w * 0.28f, h * 0.25f, w * 0.35f, h * 0.28f);
    g.draw(branch);
    Color pink = blend(new Color(0xFFB7C5), p.accent(), 0.15);
    for (int i = 0; i < 70; i++) {
      float t = (float) r.nextDouble();
      float x = w * 0.45f * t + (float) r.nextGaussian() * unit * 0.03f;
      float y = h * (0.08f + 0.1f * (float) Math.sin(t * Math.PI)) + (float) r.nextGaussian() * unit * 0.04f;
      float s = unit * (0.012f + (float) r.nextDouble() * 0.012f);
      g.setColor(alpha(pink, 200 + r.nextInt(55)));
      g.fill(new Ellipse2D.Float(x - s, y - s, s * 2, s * 2));
    }
    for (int i = 0; i < 30; i++) { // falling petals
      float s = unit * 0.008f;
      g.setColor(alpha(pink, 180));
      g.fill(new Ellipse2D.Float((float) r.nextDouble() * w, (float) r.nextDouble() * h, s * 2, s * 1.3f));
    }
  }

  private void cat(Graphics2D g, float x, float base, float s) {
    g.setColor(silhouette());
    g.fill(new Ellipse2D.Float(x - s * 0.28f, base - s * 0.62f, s * 0.56f, s * 0.62f)); // body
    g.fill(new Ellipse2D.Float(x - s * 0.17f, base - s * 0.92f, s * 0.34f, s * 0.32f)); // head
    for (int side = -1; side <= 1; side += 2) {
      Path2D.Float ear = new Path2D.Float();
      ear.moveTo(x + side * s * 0.15f, base - s * 0.82f);
      ear.lineTo(x + side * s * 0.15f, base - s * 1.0f);
      ear.lineTo(x + side * s * 0.03f, base - s * 0.88f);
      ear.closePath();
      g.fill(ear);
    }
    g.setStroke(new BasicStroke(s * 0.07f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D.Float tail = new Path2D.Float();
    tail.moveTo(x + s * 0.22f, base - s * 0.08f);
    tail.quadTo(x + s * 0.55f, base - s * 0.05f, x + s * 0.48f, base - s * 0.45f);
    g.draw(tail);
    g.setColor(scene.light() == Scene.Light.DAY ? new Color(0xB5E48C) : new Color(0xFFE66D));
    g.fill(new Ellipse2D.Float(x - s * 0.1f, base - s * 0.8f, s * 0.06f, s * 0.05f));
    g.fill(new Ellipse2D.Float(x + s * 0.04f, base - s * 0.8f, s * 0.06f, s * 0.05f));
  }

  private void dog(Graphics2D g, float x, float base, float s) {
    g.setColor(blend(new Color(0x8B5A2B), silhouette(), 0.45));
    g.fill(new RoundRectangle2D.Float(x - s * 0.4f, base - s * 0.55f, s * 0.7f, s * 0.3f, s * 0.25f, s * 0.25f)); // body
    for (float lx : new float[] {-0.35f, -0.22f, 0.12f, 0.22f}) {
      g.fill(new Rectangle2D.Float(x + lx * s, base - s * 0.3f, s * 0.08f, s * 0.3f));
    }
    g.fill(new Ellipse2D.Float(x + s * 0.18f, base - s * 0.82f, s * 0.3f, s * 0.28f)); // head
    g.fill(new RoundRectangle2D.Float(x + s * 0.36f, base - s * 0.72f, s * 0.2f, s * 0.13f, s * 0.1f, s * 0.1f)); // snout
    g.fill(new Ellipse2D.Float(x + s * 0.14f, base - s * 0.78f, s * 0.12f, s * 0.24f)); // ear
    g.setStroke(new BasicStroke(s * 0.06f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new java.awt.geom.Line2D.Float(x - s * 0.38f, base - s * 0.5f, x - s * 0.55f, base - s * 0.72f));
    g.setColor(Color.BLACK);
    g.fill(new Ellipse2D.Float(x + s * 0.53f, base - s * 0.71f, s * 0.05f, s * 0.05f));
  }

  private void fish(Graphics2D g, float x, float y, float s, SplittableRandom r) {
    for (int i = 0; i < 3; i++) {
      float fx = x + (i == 0 ? 0 : (float) r.nextGaussian() * s * 0.8f);
      float fy = y + (i == 0 ? 0 : (float) r.nextGaussian() * s * 0.4f);
      float fs = i == 0 ? s : s * 0.5f;
      Color c = i == 0 ? new Color(0xFF7A2F) : p.accent2();
      g.setColor(c);
      g.fill(new Ellipse2D.Float(fx - fs * 0.45f, fy - fs * 0.2f, fs * 0.9f, fs * 0.4f));
      Path2D.Float tail = new Path2D.Float();
      tail.moveTo(fx + fs * 0.38f, fy);
      tail.lineTo(fx + fs * 0.7f, fy - fs * 0.22f);
      tail.lineTo(fx + fs * 0.7f, fy + fs * 0.22f);
      tail.closePath();
      g.fill(tail);
      g.setColor(Color.WHITE);
      g.fill(new Ellipse2D.Float(fx - fs * 0.32f, fy - fs * 0.08f, fs * 0.09f, fs * 0.09f));
      g.setColor(Color.BLACK);
      g.fill(new Ellipse2D.Float(fx - fs * 0.3f, fy - fs * 0.06f, fs * 0.05f, fs * 0.05f));
    }
    g.setColor(new Color(255, 255, 255, 120));
    for (int i = 0; i < 6; i++) {
      float b = s * 0.04f * (1 + i % 3);
      g.draw(new Ellipse2D.Float(x - s * 0.55f - b, y - s * 0.3f - i * s * 0.12f, b * 2, b * 2));
    }
  }

  private void butterfly(Graphics2D g, float x, float y, float s) {
    for (int side = -1; side <= 1; side += 2) {
      AffineTransform keep = g.getTransform();
      g.rotate(side * 0.35, x, y);
      g.setColor(p.accent());
      g.fill(new Ellipse2D.Float(side > 0 ? x : x - s * 0.45f, y - s * 0.45f, s * 0.45f, s * 0.42f));
      g.setColor(p.accent2());
      g.fill(new Ellipse2D.Float(side > 0 ? x : x - s * 0.32f, y - s * 0.05f, s * 0.32f, s * 0.3f));
      g.setTransform(keep);
    }
    g.setColor(new Color(0x2B2B2B));
    g.fill(new RoundRectangle2D.Float(x - s * 0.03f, y - s * 0.35f, s * 0.06f, s * 0.6f, s * 0.06f, s * 0.06f));
    g.setStroke(new BasicStroke(s * 0.015f));
    g.draw(new java.awt.geom.Line2D.Float(x, y - s * 0.33f, x - s * 0.12f, y - s * 0.5f));
    g.draw(new java.awt.geom.Line2D.Float(x, y - s * 0.33f, x + s * 0.12f, y - s * 0.5f));
  }

  private void quadruped(Graphics2D g, float x, float base, float s, float neck) {
    g.fill(new Ellipse2D.Float(x - s * 0.4f, base - s * 0.75f, s * 0.8f, s * 0.32f));
    for (float lx : new float[] {-0.33f, -0.22f, 0.2f, 0.3f}) {
      g.fill(new Rectangle2D.Float(x + lx * s, base - s * 0.5f, s * 0.05f, s * 0.5f));
    }
    Path2D.Float n = new Path2D.Float();
    n.moveTo(x + s * 0.22f, base - s * 0.7f);
    n.lineTo(x + s * 0.35f, base - s * (0.75f + neck));
    n.lineTo(x + s * 0.45f, base - s * (0.72f + neck));
    n.lineTo(x + s * 0.38f, base - s * 0.6f);
    n.closePath();
    g.fill(n);
    g.fill(new Ellipse2D.Float(x + s * 0.33f, base - s * (0.82f + neck), s * 0.24f, s * 0.13f));
  }

  private void deer(Graphics2D g, float x, float base, float s) {
    g.setColor(blend(new Color(0x9C6B3F), silhouette(), 0.5));
    quadruped(g, x, base, s, 0.3f);
    g.setStroke(new BasicStroke(s * 0.02f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    float hx = x + s * 0.42f;
    float hy = base - s * 1.12f;
    for (int side = -1; side <= 1; side += 2) {
      Path2D.Float antler = new Path2D.Float();
      antler.moveTo(hx, hy + s * 0.02f);
      antler.lineTo(hx + side * s * 0.08f, hy - s * 0.2f);
      antler.moveTo(hx + side * s * 0.04f, hy - s * 0.08f);
      antler.lineTo(hx + side * s * 0.14f, hy - s * 0.12f);
      antler.moveTo(hx + side * s * 0.07f, hy - s * 0.16f);
      antler.lineTo(hx + side * s * 0.02f, hy - s * 0.28f);
      g.draw(antler);
    }
  }

  private void horse(Graphics2D g, float x, float base, float s) {
    Color c = blend(new Color(0x6B4226), silhouette(), 0.5);
    g.setColor(c);
    quadruped(g, x, base, s * 1.15f, 0.32f);
    g.setStroke(new BasicStroke(s * 0.05f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(c.darker());
    Path2D.Float tail = new Path2D.Float();
    tail.moveTo(x - s * 0.45f, base - s * 0.8f);
    tail.quadTo(x - s * 0.62f, base - s * 0.6f, x - s * 0.55f, base - s * 0.35f);
    g.draw(tail);
    g.draw(new java.awt.geom.Line2D.Float(x + s * 0.28f, base - s * 0.85f, x + s * 0.4f, base - s * 1.15f));
  }

  private void portrait(Graphics2D g, float x, float base, float s) {
    Color c = scene.light() == Scene.Light.DAY && !scene.styled(ImageStyle.NEON) ? blend(new Color(0x3A2E39), p.near(), 0.3)
        : blend(Color.BLACK, p.near(), 0.25);
    g.setColor(c);
    Path2D.Float shoulders = new Path2D.Float();
    shoulders.moveTo(x - s * 0.45f, base);
    shoulders.quadTo(x - s * 0.42f, base - s * 0.4f, x - s * 0.12f, base - s * 0.45f);
    shoulders.lineTo(x + s * 0.12f, base - s * 0.45f);
    shoulders.quadTo(x + s * 0.42f, base - s * 0.4f, x + s * 0.45f, base);
    shoulders.closePath();
    g.fill(shoulders);
    g.fill(new Rectangle2D.Float(x - s * 0.07f, base - s * 0.58f, s * 0.14f, s * 0.16f)); // neck
    g.fill(new Ellipse2D.Float(x - s * 0.17f, base - s * 0.92f, s * 0.34f, s * 0.42f)); // head
    g.fill(new Ellipse2D.Float(x - s * 0.22f, base - s * 0.97f, s * 0.44f, s * 0.3f)); // hair
    if (lightSource != null || scene.styled(ImageStyle.NEON)) { // rim light on the lit side
      g.setStroke(new BasicStroke(s * 0.012f));
      g.setColor(alpha(scene.styled(ImageStyle.NEON) ? p.accent() : p.light(), 200));
      g.draw(new Arc2D.Float(x - s * 0.17f, base - s * 0.92f, s * 0.34f, s * 0.42f, -60, 120, Arc2D.OPEN));
    }
  }

  private void fire(Graphics2D g, float x, float base, float s) {
    glow(g, x, base - s * 0.4f, s * 2.2f, new Color(255, 140, 40, 150));
    g.setColor(new Color(0x4E342E));
    g.setStroke(new BasicStroke(s * 0.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new java.awt.geom.Line2D.Float(x - s * 0.5f, base, x + s * 0.5f, base - s * 0.1f));
    g.draw(new java.awt.geom.Line2D.Float(x - s * 0.5f, base - s * 0.1f, x + s * 0.5f, base));
    Color[] layers = {new Color(0xE53935), new Color(0xFB8C00), new Color(0xFFD54F)};
    for (int i = 0; i < layers.length; i++) {
      float k = 1 - i * 0.28f;
      Path2D.Float flame = new Path2D.Float();
      flame.moveTo(x - s * 0.4f * k, base - s * 0.05f);
      flame.quadTo(x - s * 0.45f * k, base - s * 0.6f * k, x - s * 0.05f, base - s * 1.2f * k);
      flame.quadTo(x + s * 0.05f * k, base - s * 0.7f * k, x + s * 0.2f * k, base - s * 0.85f * k);
      flame.quadTo(x + s * 0.45f * k, base - s * 0.5f * k, x + s * 0.4f * k, base - s * 0.05f);
      flame.closePath();
      g.setColor(layers[i]);
      g.fill(flame);
    }
  }

  private void lanterns(Graphics2D g, float x, float s, SplittableRandom r) {
    for (int i = 0; i < 4; i++) {
      float lx = x + (i - 1.5f) * s * 0.8f + (float) r.nextGaussian() * s * 0.05f;
      float ly = h * 0.12f + (i % 2) * s * 0.25f;
      float ls = s * 0.45f;
      g.setColor(new Color(0x3E2A22));
      g.setStroke(new BasicStroke(Math.max(1f, ls * 0.03f)));
      g.draw(new java.awt.geom.Line2D.Float(lx, 0, lx, ly));
      glow(g, lx, ly + ls * 0.45f, ls * 1.4f, new Color(255, 80, 40, 120));
      g.setColor(new Color(0xD62828));
      g.fill(new Ellipse2D.Float(lx - ls * 0.45f, ly, ls * 0.9f, ls * 0.9f));
      g.setColor(new Color(0xE6B422));
      g.fill(new Rectangle2D.Float(lx - ls * 0.2f, ly - ls * 0.06f, ls * 0.4f, ls * 0.1f));
      g.fill(new Rectangle2D.Float(lx - ls * 0.2f, ly + ls * 0.86f, ls * 0.4f, ls * 0.1f));
      g.fill(new Rectangle2D.Float(lx - ls * 0.02f, ly + ls * 0.96f, ls * 0.04f, ls * 0.3f));
    }
  }

  private void heart(Graphics2D g, float x, float y, float s) {
    Path2D.Float heart = new Path2D.Float();
    heart.moveTo(x, y + s * 0.35f);
    heart.curveTo(x - s * 0.6f, y - s * 0.05f, x - s * 0.35f, y - s * 0.5f, x, y - s * 0.2f);
    heart.curveTo(x + s * 0.35f, y - s * 0.5f, x + s * 0.6f, y - s * 0.05f, x, y + s * 0.35f);
    heart.closePath();
    glow(g, x, y, s * 0.9f, alpha(p.accent(), 110));
    g.setColor(p.accent());
    g.fill(heart);
  }

  private static Shape star(float x, float y, float outer, float inner, int points) {
    Path2D.Float s = new Path2D.Float();
    for (int i = 0; i < points * 2; i++) {
      double a = i * Math.PI / points - Math.PI / 2;
      float rr = i % 2 == 0 ? outer : inner;
      float px = x + (float) Math.cos(a) * rr;
      float py = y + (float) Math.sin(a) * rr;
      if (i == 0) {
        s.moveTo(px, py);
      } else {
        s.lineTo(px, py);
      }
    }
    s.closePath();
    return s;
  }
}
