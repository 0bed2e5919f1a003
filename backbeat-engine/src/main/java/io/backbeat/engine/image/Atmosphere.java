package io.backbeat.engine.image;

import static io.backbeat.engine.image.Colours.alpha;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/**
 * What floats in front of a scene, as a function of time so a video can animate it and a still
 * shows its first instant: rain, snow, drifting fog, lightning, embers over a fire, petals, and
 * fireflies on a night meadow. Each particle's path comes from the seed; nothing is kept between
 * frames, so frame {@code n} can be painted on its own.
 */
public final class Atmosphere {
  private final Scene scene;
  private final long seed;

  public Atmosphere(Scene scene, long seed) {
    this.scene = scene;
    this.seed = seed;
  }

  /** Whether there is anything to paint at all. */
  public boolean isEmpty() {
    return !scene.weather().iterator().hasNext() && !embers() && !petals() && !fireflies();
  }

  private boolean embers() {
    return scene.has(SceneMotif.FIRE) || scene.has(SceneMotif.VOLCANO);
  }

  private boolean petals() {
    return scene.has(SceneMotif.SAKURA);
  }

  private boolean fireflies() {
    return scene.light() == Scene.Light.NIGHT
        && (scene.has(SceneMotif.FOREST) || scene.has(SceneMotif.HILLS) || scene.has(SceneMotif.GRASS) || scene.has(SceneMotif.LAKE));
  }

  /** Paints the atmosphere at {@code seconds} onto a {@code width × height} frame. */
  public void paint(Graphics2D g, int width, int height, double seconds) {
    float unit = Math.min(width, height);
    if (scene.weather().contains(Scene.Weather.FOG)) {
      fog(g, width, height, seconds);
    }
    if (scene.weather().contains(Scene.Weather.RAIN)) {
      rain(g, width, height, unit, seconds);
    }
    if (scene.weather().contains(Scene.Weather.SNOW)) {
      snow(g, width, height, unit, seconds);
    }
    if (scene.weather().contains(Scene.Weather.STORM)) {
      lightning(g, width, height, unit, seconds);
    }
    if (embers()) {
      embers(g, width, height, unit, seconds);
    }
    if (petals()) {
      petals(g, width, height, unit, seconds);
    }
    if (fireflies()) {
      fireflies(g, width, height, unit, seconds);
    }
  }

  private static double wrap(double v, double span) {
    double m = v % span;
    return m < 0 ? m + span : m;
  }

  private void rain(Graphics2D g, int w, int h, float unit, double t) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5241494EL);
    g.setStroke(new BasicStroke(Math.max(1f, unit * 0.0022f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 0; i < 320; i++) {
      double speed = h * (1.6 + r.nextDouble() * 0.8);
      float len = unit * (0.02f + (float) r.nextDouble() * 0.03f);
      float y = (float) wrap(r.nextDouble() * h + speed * t, h + len) - len;
      float x = (float) wrap(r.nextDouble() * w + y * 0.18, w);
      g.setColor(new Color(210, 220, 235, 90 + r.nextInt(80)));
      g.draw(new Line2D.Float(x, y, x + len * 0.18f, y + len));
    }
  }

  private void snow(Graphics2D g, int w, int h, float unit, double t) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x534E4F57L);
    for (int i = 0; i < 220; i++) {
      double speed = h * (0.06 + r.nextDouble() * 0.1);
      float s = unit * (0.002f + (float) r.nextDouble() * 0.005f);
      double phase = r.nextDouble() * Math.PI * 2;
      float y = (float) wrap(r.nextDouble() * h + speed * t, h);
      float x = (float) wrap(r.nextDouble() * w + Math.sin(t * 1.3 + phase) * unit * 0.02, w);
      g.setColor(new Color(255, 255, 255, 170 + r.nextInt(80)));
      g.fill(new Ellipse2D.Float(x - s, y - s, s * 2, s * 2));
    }
  }

  private void fog(Graphics2D g, int w, int h, double t) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x464F47L);
    for (int i = 0; i < 5; i++) {
      float y = h * (0.45f + i * 0.11f);
      float band = h * (0.1f + (float) r.nextDouble() * 0.08f);
      float dx = (float) wrap(r.nextDouble() * w + t * w * 0.02 * (1 + i * 0.3), w);
      Color c = new Color(225, 230, 238, 70);
      for (int k = -1; k <= 1; k++) {
        float x = dx + k * w;
        g.setPaint(new RadialGradientPaint(x, y, w * 0.5f, new float[] {0f, 1f}, new Color[] {c, alpha(c, 0)}));
        g.fill(new Ellipse2D.Float(x - w * 0.5f, y - band, w, band * 2));
      }
    }
    g.setPaint(new GradientPaint(0, h * 0.5f, new Color(220, 225, 232, 0), 0, h, new Color(220, 225, 232, 90)));
    g.fillRect(0, h / 2, w, h - h / 2);
  }

  /** A bolt at the start of every 2.6-second cycle, shown for its first 0.18 s (always on a still's t = 0). */
  private void lightning(Graphics2D g, int w, int h, float unit, double t) {
    double cycle = 2.6;
    long n = (long) Math.floor(t / cycle);
    if (t - n * cycle > 0.18) {
      return;
    }
    SplittableRandom r = new SplittableRandom(seed ^ (0x4C49L + n * 7919));
    g.setColor(new Color(255, 255, 255, 45));
    g.fillRect(0, 0, w, h);
    float x = w * (0.2f + (float) r.nextDouble() * 0.6f);
    float y = 0;
    Path2D.Float bolt = new Path2D.Float();
    bolt.moveTo(x, y);
    while (y < h * 0.6f) {
      x += (float) r.nextGaussian() * unit * 0.04f;
      y += unit * (0.03f + (float) r.nextDouble() * 0.05f);
      bolt.lineTo(x, y);
    }
    g.setStroke(new BasicStroke(unit * 0.006f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(new Color(235, 240, 255, 230));
    g.draw(bolt);
  }

  private void embers(Graphics2D g, int w, int h, float unit, double t) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x454D42L);
    for (int i = 0; i < 60; i++) {
      double speed = h * (0.08 + r.nextDouble() * 0.12);
      float s = unit * (0.002f + (float) r.nextDouble() * 0.003f);
      float y = (float) (h - wrap(r.nextDouble() * h * 0.7 + speed * t, h * 0.7));
      float x = (float) wrap(w * (0.3 + r.nextDouble() * 0.4) + Math.sin(t * 2 + i) * unit * 0.02, w);
      g.setColor(new Color(255, 160 + r.nextInt(80), 60, 200));
      g.fill(new Ellipse2D.Float(x - s, y - s, s * 2, s * 2));
    }
  }

  private void petals(Graphics2D g, int w, int h, float unit, double t) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x50455441L);
    Color pink = new Color(255, 183, 197, 210);
    for (int i = 0; i < 40; i++) {
      double speed = h * (0.05 + r.nextDouble() * 0.08);
      float s = unit * (0.006f + (float) r.nextDouble() * 0.005f);
      float y = (float) wrap(r.nextDouble() * h + speed * t, h);
      float x = (float) wrap(r.nextDouble() * w + t * unit * 0.04 + Math.sin(t + i) * unit * 0.02, w);
      g.setColor(pink);
      g.fill(new Ellipse2D.Float(x - s, y - s * 0.6f, s * 2, s * 1.2f));
    }
  }

  private void fireflies(Graphics2D g, int w, int h, float unit, double t) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x46495245L);
    for (int i = 0; i < 36; i++) {
      double phase = r.nextDouble() * Math.PI * 2;
      float x = (float) wrap(r.nextDouble() * w + Math.sin(t * 0.7 + phase) * unit * 0.03, w);
      float y = (float) (h * (0.55 + r.nextDouble() * 0.4) + Math.cos(t * 0.9 + phase) * unit * 0.02);
      int a = (int) (120 + 120 * Math.max(0, Math.sin(t * 2.2 + phase)));
      float s = unit * 0.004f;
      g.setColor(new Color(220, 255, 140, Math.min(255, a)));
      g.fill(new Ellipse2D.Float(x - s, y - s, s * 2, s * 2));
    }
  }
}
